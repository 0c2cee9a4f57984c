package app.goblina.api.problems;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parses ids from paths and bodies, refusing anything but a canonical UUID. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static UUID parse(String field, String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw ApiException.invalid(field, "is not a valid id (a UUID)");
        }
        return UUID.fromString(value);
    }
}
