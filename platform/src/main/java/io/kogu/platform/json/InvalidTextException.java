package io.kogu.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A string in a JSON body that may not be stored (U+0000, a lone surrogate: see
 * {@link io.kogu.platform.text.TextInputs}). Jackson adds the JSON path as the exception travels up through
 * the objects and arrays around the string; the problem mapper names it.
 */
public class InvalidTextException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    public InvalidTextException(JsonParser parser, String problem) {
        super(parser, problem);
        this.problem = problem;
    }

    /** What is wrong with the text, without where. */
    public String problem() {
        return problem;
    }
}
