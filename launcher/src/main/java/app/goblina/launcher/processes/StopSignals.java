package app.goblina.launcher.processes;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP into a call of our own instead of the JVM's immediate shutdown.
 *
 * <p>Why not just a shutdown hook: the embedded PostgreSQL library registers its own hook, and the JVM runs all
 * hooks at once, so the database would stop while the workers are still finishing their jobs. Handling the signal
 * ourselves lets the launcher stop the children first and the database last, then exit.
 *
 * <p>The JDK has no public signal API; {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the supported
 * way in practice. It is reached by reflection so that the build stays free of "internal API" warnings and a JVM
 * without it simply falls back to shutdown hooks.
 */
final class StopSignals {

    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    private StopSignals() {
    }

    /**
     * Installs {@code handler} for the stop signals. It is called with 1 for the first signal, 2 for the second
     * and so on, each time on a new thread that the JVM does not wait for.
     *
     * @return whether at least one signal is now handled; when not, the JVM's default handling stays
     */
    static boolean install(IntConsumer handler) {
        AtomicInteger count = new AtomicInteger();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object proxy = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            handler.accept(count.incrementAndGet());
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "StopSignals handler";
                        default -> null;
                    });
            boolean any = false;
            for (String name : SIGNALS) {
                try {
                    handle.invoke(null, newSignal.newInstance(name), proxy);
                    any = true;
                } catch (InvocationTargetException e) {
                    // This signal is unknown on this OS or reserved by the JVM; the others still work.
                }
            }
            return any;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
