package dojo.io;

import java.io.IOException;

/** A file that is not valid safetensors; the message starts with the file name and says what is wrong. */
public final class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }
}
