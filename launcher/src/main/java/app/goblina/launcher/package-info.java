/**
 * The launcher of {@code ./goblina}: its commands in {@code cli}, the platform's processes in {@code processes} and
 * the REST client in {@code client}. This package itself holds only {@link app.goblina.launcher.Display}, the
 * formatting of paths, spans and sizes that every part's messages share; it depends on none of them.
 */
package app.goblina.launcher;
