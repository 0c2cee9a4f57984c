package app.goblina.launcher.cli;

/**
 * The command line of {@code ./goblina demo}: {@code [--topic T] [--preset P] [--scenarios N] [--image PATH]},
 * each also as {@code --name=value}.
 *
 * @param topic     what the short is about
 * @param preset    the personality: sassy, wholesome, chaotic or deadpan
 * @param scenarios how many scenarios (and clips)
 * @param image     the character image, or {@code null} for the bundled Ms. Goblina
 * @param help      whether only the usage was asked for
 */
record DemoOptions(String topic, String preset, int scenarios, String image, boolean help) {

    static final String DEFAULT_TOPIC = "why goblins make the best baristas";
    static final String DEFAULT_PRESET = "sassy";
    static final int DEFAULT_SCENARIOS = 3;

    static final String USAGE = """
            Usage: ./goblina demo [--topic T] [--preset P] [--scenarios N] [--image PATH]

            Makes one short, start to finish, against the Goblina at http://localhost:$GOBLINA_API_PORT (8080),
            or against one it starts itself (and stops at the end) when none is running.

              --topic T       what the short is about ("%s")
              --preset P      sassy, wholesome, chaotic or deadpan (%s)
              --scenarios N   how many scenes (%d)
              --image PATH    the character image, PNG, JPEG or WebP (examples/ms-goblina.png)

            The video is saved to out/<project id>.mp4.""".formatted(DEFAULT_TOPIC, DEFAULT_PRESET,
            DEFAULT_SCENARIOS);

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong. */
    static DemoOptions parse(String... args) {
        String topic = DEFAULT_TOPIC;
        String preset = DEFAULT_PRESET;
        int scenarios = DEFAULT_SCENARIOS;
        String image = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new DemoOptions(topic, preset, scenarios, image, true);
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                value = null;
            }
            switch (name) {
                case "--topic" -> topic = required(name, value);
                case "--preset" -> preset = required(name, value);
                case "--scenarios" -> scenarios = positive(name, required(name, value));
                case "--image" -> image = required(name, value);
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        return new DemoOptions(topic, preset, scenarios, image, false);
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, got '" + value + "'");
    }
}
