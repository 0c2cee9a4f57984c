package app.goblina.worker.providers.local;

import app.goblina.domain.Preset;
import java.util.List;
import java.util.Map;

/**
 * The local writer's lines, per preset: hooks to open a short, beats for its middle and sign-offs to close it, each
 * a title, an on-screen action and a caption. {@code {name}} is the character, {@code {topic}} a short form of the
 * topic; every hook names the topic. A short uses one hook, one sign-off and as many different beats as it has middle scenes, so every
 * preset has at least {@link #MAX_MIDDLES} beats.
 */
final class ScenarioTemplates {

    /** The most middle scenes a short has: eight scenes less the hook and the sign-off. */
    static final int MAX_MIDDLES = 6;

    record Beat(String title, String action, String caption) {
    }

    /** One preset's lines. */
    record Lines(List<Beat> hooks, List<Beat> beats, List<Beat> signOffs) {
    }

    static final Map<Preset, Lines> LINES = Map.of(
            Preset.SASSY, new Lines(List.of(
                    new Beat("The hook", "{name} leans into the camera, one eyebrow raised, arms crossed", "Oh, you thought you knew about {topic}? Cute."),
                    new Beat("Grand entrance", "{name} struts into the frame and stops dead centre, hand on hip", "Sit down. We need to talk about {topic}."),
                    new Beat("Unimpressed", "{name} looks the viewer up and down and sighs theatrically", "Honey. Your {topic} game? Tragic."),
                    new Beat("Spill it", "{name} sips from a tiny cup and sets it down with a clink", "Let me spill the tea on {topic}."),
                    new Beat("Attention", "{name} snaps her fingers twice at the camera", "Eyes up here. {topic}, now."),
                    new Beat("Pity", "{name} tilts her head with exaggerated sympathy", "Nobody told you the truth about {topic}? Sad.")),
                    List.of(
                    new Beat("Hair flip", "{name} flips her hair and strolls across the frame like it is a runway", "Let me explain {topic} slowly. For you."),
                    new Beat("Receipts", "{name} pulls out an imaginary list and ticks items off with a smirk", "Exhibit A: {topic}. I rest my case."),
                    new Beat("Side eye", "{name} turns her head slowly and gives the camera a long side eye", "And no, that was not a compliment."),
                    new Beat("Finger wag", "{name} wags a finger at the viewer, smiling sweetly", "Rule one of {topic}: never doubt me."),
                    new Beat("Slow clap", "{name} gives a slow, sarcastic clap", "Wow. Groundbreaking. Anyway, {topic}."),
                    new Beat("Nails", "{name} inspects her nails while talking, bored", "I could do {topic} in my sleep. I have."),
                    new Beat("Correction", "{name} holds up a hand to stop an imaginary interruption", "Excuse me? I was still talking."),
                    new Beat("Pro tip", "{name} points at the camera with a knowing wink", "Pro tip: do {topic} like you mean it."),
                    new Beat("Eye roll", "{name} rolls her eyes so hard she nearly spins", "Amateurs. Everywhere. Truly."),
                    new Beat("Glow up", "{name} strikes three quick poses in a row", "Before {topic}: meh. After: iconic.")),
                    List.of(
                    new Beat("Mic drop", "{name} mimes dropping a microphone and walks away without looking back", "{topic}? Handled. You're welcome."),
                    new Beat("Sign-off", "{name} blows a kiss and winks as the scene closes", "Follow for more {topic} wisdom, darling."),
                    new Beat("Exit stage left", "{name} turns on her heel and struts out of the frame", "Class dismissed. Try to keep up."),
                    new Beat("Last word", "{name} leans in close, then pulls back with a smirk", "And that's the last word on {topic}. Mine."),
                    new Beat("Shades on", "{name} slides on imaginary sunglasses", "Too fabulous for more {topic}. Bye."))),
            Preset.WHOLESOME, new Lines(List.of(
                    new Beat("Warm hello", "{name} waves happily at the camera with a big smile", "Hi friend! Let's talk about {topic} together."),
                    new Beat("Good morning", "{name} stretches and yawns, then beams at the viewer", "Good morning, sunshine! Today: {topic}."),
                    new Beat("Welcome back", "{name} opens her arms wide as if greeting an old friend", "You're back! I saved you some {topic}."),
                    new Beat("Cup of cocoa", "{name} holds a steaming mug in both hands and smiles", "Grab a cosy blanket. It's {topic} time."),
                    new Beat("Excited wiggle", "{name} wiggles with excitement, hands clasped", "I've been so excited to show you {topic}!"),
                    new Beat("Little wave", "{name} peeks in from the side of the frame and waves shyly", "Psst. Want to learn about {topic}?")),
                    List.of(
                    new Beat("Little discovery", "{name} gasps with delight and points at something just off screen", "Did you know {topic} can be this lovely?"),
                    new Beat("Sharing", "{name} holds out both hands as if offering a gift", "Here's my favourite thing about {topic}."),
                    new Beat("Encouragement", "{name} gives a thumbs up and nods kindly", "You're doing great, even with {topic}."),
                    new Beat("Happy dance", "{name} does a small, joyful dance on the spot", "Tiny wins count too!"),
                    new Beat("Cozy moment", "{name} hugs herself warmly and closes her eyes, content", "{topic} feels better when we share it."),
                    new Beat("Gentle tip", "{name} raises a finger thoughtfully, then smiles", "Try it your own way. That's the magic of {topic}."),
                    new Beat("Deep breath", "{name} breathes in slowly and out again, smiling", "Take a breath. {topic} can wait a moment."),
                    new Beat("High five", "{name} holds up a hand for a high five", "Up high! You just learned about {topic}."),
                    new Beat("Proud", "{name} claps softly, eyes shining", "I'm so proud of how far you've come."),
                    new Beat("Small steps", "{name} takes three tiny, careful steps forward", "One small step at a time with {topic}.")),
                    List.of(
                    new Beat("Goodbye", "{name} waves goodbye and sends a heart with her hands", "Be kind to yourself today. Bye!"),
                    new Beat("Sweet dreams", "{name} rests her cheek on her hands and closes her eyes", "Sweet dreams of {topic}, friend."),
                    new Beat("See you soon", "{name} waves with both hands, bouncing a little", "See you soon! Bring a friend next time."),
                    new Beat("Big hug", "{name} wraps her arms around the camera in a hug", "Sending you a big hug. Bye for now!"),
                    new Beat("Thank you", "{name} bows a little and smiles warmly", "Thank you for spending {topic} time with me."))),
            Preset.CHAOTIC, new Lines(List.of(
                    new Beat("Crash in", "{name} bursts into the frame spinning, arms flailing", "WAIT. WAIT. {topic}. RIGHT NOW."),
                    new Beat("Alarm", "{name} runs in circles, hands on her head", "EMERGENCY! It's about {topic}!"),
                    new Beat("Sneak attack", "{name} pops up from the bottom of the frame with a shriek", "SURPRISE. You're learning {topic} now."),
                    new Beat("Breaking news", "{name} slams an imaginary desk like a news anchor", "BREAKING: {topic} is out of control."),
                    new Beat("Sugar rush", "{name} vibrates on the spot, eyes huge", "I had three coffees and one idea: {topic}."),
                    new Beat("No brakes", "{name} skids into the frame as if she cannot stop", "No brakes! Full speed into {topic}!")),
                    List.of(
                    new Beat("Bad idea", "{name} rubs her hands together with a wild grin", "What if {topic}... but with more goblin?"),
                    new Beat("Escalation", "{name} bounces from side to side faster and faster", "It's getting worse. It's getting BETTER."),
                    new Beat("Plot twist", "{name} freezes, eyes wide, then bursts out laughing", "Plot twist: {topic} was the friends we made."),
                    new Beat("Mayhem", "{name} juggles invisible objects and drops all of them", "Nobody panic. I am panicking."),
                    new Beat("Scheme", "{name} whispers to the camera, glancing around", "Don't tell anyone about {topic}. Tell everyone."),
                    new Beat("Victory screech", "{name} jumps with both fists in the air", "I HAVE CONQUERED {topic}!"),
                    new Beat("Wrong button", "{name} presses an imaginary button and flinches", "Oops. That button was not for {topic}."),
                    new Beat("Spin cycle", "{name} spins until she wobbles dizzily", "The room is spinning. {topic} is not."),
                    new Beat("Louder", "{name} cups her hands around her mouth and shouts", "SAY IT WITH ME: {topic}!"),
                    new Beat("Science", "{name} mixes two imaginary potions that explode", "For science! And for {topic}!")),
                    List.of(
                    new Beat("Exit", "{name} cartwheels out of the frame", "Bye! Don't try {topic} at home!"),
                    new Beat("Smoke bomb", "{name} throws down an imaginary smoke bomb and vanishes", "Poof! {topic} ninja OUT."),
                    new Beat("Zoom away", "{name} runs off the edge of the frame with a whoosh", "Gotta go! Something is on fire!"),
                    new Beat("Collapse", "{name} flops dramatically onto the floor", "I'm exhausted. Worth it. Bye!"),
                    new Beat("Encore", "{name} bows wildly, then bows again, and again", "Same time tomorrow? MORE {topic}!"))),
            Preset.DEADPAN, new Lines(List.of(
                    new Beat("Statement", "{name} stares at the camera without blinking", "Today we discuss {topic}. Try to contain yourself."),
                    new Beat("Announcement", "{name} clears her throat, perfectly still", "Hello. This is a video about {topic}."),
                    new Beat("Warning", "{name} holds up a small sign that says nothing", "Warning: the following contains {topic}."),
                    new Beat("Welcome", "{name} waves once, slowly, with two fingers", "Welcome to {topic}. I am thrilled. Visibly."),
                    new Beat("Agenda", "{name} reads from an imaginary clipboard", "Item one on the agenda: {topic}. Item two: none."),
                    new Beat("Arrival", "{name} is already standing there when the scene begins", "Oh. You're here. Fine. {topic}.")),
                    List.of(
                    new Beat("Observation", "{name} slowly tilts her head by exactly one degree", "I have feelings about {topic}. One of them is mild."),
                    new Beat("Fact", "{name} holds up a single finger, expressionless", "Fact: {topic} exists. Thank you."),
                    new Beat("Reaction", "{name} raises her eyebrows a millimetre, then lowers them", "This is my excited face."),
                    new Beat("Process", "{name} sips from an imaginary mug, perfectly still", "Step two of {topic}: continue."),
                    new Beat("Reflection", "{name} looks into the distance, then back at the camera", "I thought about {topic}. Then I stopped."),
                    new Beat("Celebration", "{name} waves a tiny flag with no enthusiasm", "Hooray. Truly a moment."),
                    new Beat("Data", "{name} points at an invisible chart without looking at it", "Studies show {topic} is a thing people do."),
                    new Beat("Emotion", "{name} places a hand on her heart, face unchanged", "I am deeply moved. You can tell."),
                    new Beat("Patience", "{name} checks a watch she is not wearing", "This is the exciting part. Apparently."),
                    new Beat("Joke", "{name} pauses for laughter that does not come", "That was a joke about {topic}. Laugh now.")),
                    List.of(
                    new Beat("Sign-off", "{name} nods once and turns off an imaginary light", "That was {topic}. You may now blink."),
                    new Beat("The end", "{name} holds up a card that reads 'the end'", "The end. Try not to cry."),
                    new Beat("Dismissal", "{name} points to the exit without moving her face", "You may go. Or stay. It's all the same."),
                    new Beat("Summary", "{name} stares, then blinks exactly once", "In summary: {topic}. Goodbye."),
                    new Beat("Follow", "{name} gives one slow thumbs up", "Follow for more. Or don't. I'll be here."))));

    private ScenarioTemplates() {
    }
}
