package io.kogu.platform.json;

import com.fasterxml.jackson.core.JsonParseException;

/** A JSON body that is not well-formed UTF-8; the message says where, in words. */
public class MalformedBodyException extends JsonParseException {

    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String message) {
        super(null, message);
    }
}
