package app.goblina.launcher.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether output goes to a person at a terminal, who gets a redrawn progress line, or to a log, which gets lines. */
final class Terminal {

    private Terminal() {
    }

    static boolean isInteractive() {
        if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() exists even when redirected; Console.isTerminal() then tells. It is not in
        // the JDK 21 API this module compiles against, hence the reflection.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
