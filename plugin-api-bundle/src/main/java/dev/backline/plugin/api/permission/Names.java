package dev.backline.plugin.api.permission;

/** Checks of the names the model carries. */
final class Names {

    private Names() {
    }

    /** @throws IllegalArgumentException for a null or blank value, naming what it is */
    static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
