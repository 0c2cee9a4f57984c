/**
 * The {@code ./goblina up} and {@code ./goblina demo} commands: their entry points ({@link
 * app.goblina.launcher.cli.Up}, {@link app.goblina.launcher.cli.Demo}), options and settings from the command line and
 * the environment, the development API key, and what they show at the terminal (progress bars, the timings table).
 * It may depend on {@code processes} (to run the platform) and {@code client} (to talk to its API).
 */
package app.goblina.launcher.cli;
