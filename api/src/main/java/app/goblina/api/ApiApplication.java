package app.goblina.api;

import io.micronaut.runtime.Micronaut;

/** The API process: validates, authenticates, writes the first rows, enqueues jobs, answers status. */
public final class ApiApplication {

    private ApiApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ApiApplication.class).banner(false).start();
    }
}
