package app.goblina.worker.providers.local;

import app.goblina.domain.Preset;
import java.util.List;
import java.util.Map;

/**
 * Beat templates per preset: a hook first, a payoff last, middles in between. {@code {name}} is the character,
 * {@code {topic}} a short form of the topic. Each beat is a title, an on-screen action and a caption.
 */
final class ScenarioTemplates {

    record Beat(String title, String action, String caption) {
    }

    static final Map<Preset, List<Beat>> BEATS = Map.of(
            Preset.SASSY, List.of(
                    new Beat("The hook", "{name} leans into the camera, one eyebrow raised, arms crossed", "Oh, you thought you knew about {topic}? Cute."),
                    new Beat("Hair flip", "{name} flips her hair and strolls across the frame like it is a runway", "Let me explain {topic} slowly. For you."),
                    new Beat("Receipts", "{name} pulls out an imaginary list and ticks items off with a smirk", "Exhibit A: {topic}. I rest my case."),
                    new Beat("Side eye", "{name} turns her head slowly and gives the camera a long side eye", "And no, that was not a compliment."),
                    new Beat("Mic drop", "{name} mimes dropping a microphone and walks away without looking back", "{topic}? Handled. You're welcome."),
                    new Beat("Finger wag", "{name} wags a finger at the viewer, smiling sweetly", "Rule one of {topic}: never doubt me."),
                    new Beat("Slow clap", "{name} gives a slow, sarcastic clap", "Wow. Groundbreaking. Anyway, {topic}."),
                    new Beat("Sign-off", "{name} blows a kiss and winks as the scene closes", "Follow for more {topic} wisdom, darling.")),
            Preset.WHOLESOME, List.of(
                    new Beat("Warm hello", "{name} waves happily at the camera with a big smile", "Hi friend! Let's talk about {topic} together."),
                    new Beat("Little discovery", "{name} gasps with delight and points at something just off screen", "Did you know {topic} can be this lovely?"),
                    new Beat("Sharing", "{name} holds out both hands as if offering a gift", "Here's my favourite thing about {topic}."),
                    new Beat("Encouragement", "{name} gives a thumbs up and nods kindly", "You're doing great, even with {topic}."),
                    new Beat("Happy dance", "{name} does a small, joyful dance on the spot", "Tiny wins count too!"),
                    new Beat("Cozy moment", "{name} hugs herself warmly and closes her eyes, content", "{topic} feels better when we share it."),
                    new Beat("Gentle tip", "{name} raises a finger thoughtfully, then smiles", "Try it your own way. That's the magic of {topic}."),
                    new Beat("Goodbye", "{name} waves goodbye and sends a heart with her hands", "Be kind to yourself today. Bye!")),
            Preset.CHAOTIC, List.of(
                    new Beat("Crash in", "{name} bursts into the frame spinning, arms flailing", "WAIT. WAIT. {topic}. RIGHT NOW."),
                    new Beat("Bad idea", "{name} rubs her hands together with a wild grin", "What if {topic}... but with more goblin?"),
                    new Beat("Escalation", "{name} bounces from side to side faster and faster", "It's getting worse. It's getting BETTER."),
                    new Beat("Plot twist", "{name} freezes, eyes wide, then bursts out laughing", "Plot twist: {topic} was the friends we made."),
                    new Beat("Mayhem", "{name} juggles invisible objects and drops all of them", "Nobody panic. I am panicking."),
                    new Beat("Scheme", "{name} whispers to the camera, glancing around", "Don't tell anyone about {topic}. Tell everyone."),
                    new Beat("Victory screech", "{name} jumps with both fists in the air", "I HAVE CONQUERED {topic}!"),
                    new Beat("Exit", "{name} cartwheels out of the frame", "Bye! Don't try {topic} at home!")),
            Preset.DEADPAN, List.of(
                    new Beat("Statement", "{name} stares at the camera without blinking", "Today we discuss {topic}. Try to contain yourself."),
                    new Beat("Observation", "{name} slowly tilts her head by exactly one degree", "I have feelings about {topic}. One of them is mild."),
                    new Beat("Fact", "{name} holds up a single finger, expressionless", "Fact: {topic} exists. Thank you."),
                    new Beat("Reaction", "{name} raises her eyebrows a millimetre, then lowers them", "This is my excited face."),
                    new Beat("Process", "{name} sips from an imaginary mug, perfectly still", "Step two of {topic}: continue."),
                    new Beat("Reflection", "{name} looks into the distance, then back at the camera", "I thought about {topic}. Then I stopped."),
                    new Beat("Celebration", "{name} waves a tiny flag with no enthusiasm", "Hooray. Truly a moment."),
                    new Beat("Sign-off", "{name} nods once and turns off an imaginary light", "That was {topic}. You may now blink.")));

    private ScenarioTemplates() {
    }
}
