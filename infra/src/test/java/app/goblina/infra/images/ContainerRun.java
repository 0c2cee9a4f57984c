package app.goblina.infra.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a command of an unpacked image the way a container runtime would, without one: in a mount namespace of
 * its own with {@code /proc} and {@code /dev} mounted into the image's file system, chrooted into it, in the
 * image's working directory, as the image's user, with exactly the image's environment (plus what a test adds).
 * The network is the machine's, so a server the test started on 127.0.0.1 is reachable.
 *
 * <p>Needs root (chroot and mounts), as CI has; {@link #available()} says whether this machine can.
 */
final class ContainerRun {

    /** What runc does before exec, in a few lines: mounts, chroot, working directory, then the user last. */
    private static final String ENTER = """
            my ($root, $wd, $uid, $gid, @command) = @ARGV;
            {
                local $ENV{PATH} = '/usr/sbin:/usr/bin:/sbin:/bin';
                system('mount', '-t', 'proc', 'proc', "$root/proc") == 0 or die "mount /proc failed\\n";
                system('mount', '--rbind', '/dev', "$root/dev") == 0 or die "mount /dev failed\\n";
            }
            chroot($root) or die "chroot $root: $!\\n";
            chdir($wd) or die "chdir $wd: $!\\n";
            $) = "$gid $gid";
            $( = $gid;
            $> = $< = $uid;
            die "could not become $uid:$gid\\n" unless $< == $uid && $> == $uid && $( + 0 == $gid;
            exec { $command[0] } @command or die "exec $command[0]: $!\\n";
            """;

    private ContainerRun() {}

    /** True when this process may chroot and mount (root) and has unshare and perl to do it with. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && onPath("unshare") != null && onPath("perl") != null
                && onPath("mount") != null;
    }

    /**
     * Starts {@code command} (the image's entrypoint when empty) with its output in {@code log}.
     *
     * @param extraEnvironment added to the image's environment, replacing a variable of the same name
     */
    static Process start(ImageTarball image, List<String> command, Map<String, String> extraEnvironment, Path log)
            throws IOException {
        Path root = image.rootfs();
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        String[] user = image.user().split(":", 2);
        List<String> argv = new ArrayList<>(List.of(onPath("unshare"), "--mount", "--propagation", "private", onPath("perl"), "-e",
                ENTER, root.toString(), image.workingDir(), user[0], user.length > 1 ? user[1] : user[0]));
        argv.addAll(command.isEmpty() ? image.entrypoint() : command);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = new LinkedHashMap<>(image.environment());
        environment.putAll(extraEnvironment);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs {@code command} to its end (at most {@code seconds}) and returns its exit code. */
    static int run(ImageTarball image, List<String> command, Path log, long seconds)
            throws IOException, InterruptedException {
        Process process = start(image, command, Map.of(), log);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            stop(process);
            throw new IllegalStateException(command + " did not end within " + seconds + " s:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    /**
     * SIGTERM, as a runtime stops a container, then SIGKILL after 20 s; only the process this class started.
     *
     * @return whether it ended on SIGTERM, within the 20 s
     */
    static boolean stop(Process process) throws InterruptedException {
        process.destroy();
        if (process.waitFor(20, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /** The tool's absolute path on this machine's PATH, or null: the child's PATH is the image's. */
    private static String onPath(String tool) {
        for (String folder : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, tool))) {
                return Path.of(folder, tool).toString();
            }
        }
        return null;
    }
}
