package io.kogu.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.platform.text.TextInputs;
import io.kogu.platform.text.Utf8Validator;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Every JSON body a service reads is text it may store: well-formed UTF-8 (overlong forms, encoded surrogates
 * and truncated sequences are refused before parsing), and no string or field name holding U+0000 or a lone
 * surrogate ({@link TextInputs}). A refusal is a 400 naming the JSON path of the string
 * ({@link io.kogu.platform.problem.ProblemMappers}). Applied to the ObjectMapper of every service, so that
 * JSON request bodies, NDJSON lines and imported rows are all checked the same way.
 */
@Singleton
public class JsonInputs implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Applies the checks to a mapper (also for mappers built outside CDI, e.g. in unit tests). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().setInputDecorator(new StrictUtf8Input());
        SimpleModule module = new SimpleModule("kogu-text-inputs");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        module.addDeserializer(JsonNode.class, new CheckedTree<>(JsonNode.class));
        module.addDeserializer(ObjectNode.class, new CheckedTree<>(ObjectNode.class));
        module.addDeserializer(ArrayNode.class, new CheckedTree<>(ArrayNode.class));
        mapper.registerModule(module);
        return mapper;
    }

    /** Strings as Jackson reads them, then checked. */
    static final class CheckedStrings extends StringDeserializer {
        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String problem = TextInputs.problem(value);
            if (problem != null) {
                throw new InvalidTextException(p, problem);
            }
            return value;
        }
    }

    /** Keys of maps (member attributes and the like). */
    static final class CheckedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = TextInputs.problem(key);
            if (problem != null) {
                throw new InvalidTextException(ctxt.getParser(), "has a key that " + problem);
            }
            return key;
        }
    }

    /** JSON trees (read whole, then walked): every field name and text value checked, the path named. */
    static final class CheckedTree<T extends JsonNode> extends StdDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final JsonDeserializer<T> standard;

        @SuppressWarnings("unchecked")
        CheckedTree(Class<T> type) {
            super(type);
            this.standard = (JsonDeserializer<T>) JsonNodeDeserializer.getDeserializer(type);
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T tree = standard.deserialize(p, ctxt);
            Deque<Object> path = new ArrayDeque<>();
            String problem = check(tree, path);
            if (problem != null) {
                InvalidTextException e = new InvalidTextException(p, problem);
                for (Iterator<Object> steps = path.iterator(); steps.hasNext(); ) {
                    Object step = steps.next();
                    e.prependPath(step instanceof Integer index ? new JsonMappingException.Reference(null, index)
                            : new JsonMappingException.Reference(null, (String) step));
                }
                throw e;
            }
            return tree;
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getNullValue(ctxt);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getAbsentValue(ctxt);
        }

        /** What is wrong in {@code node}, with {@code path} left holding where (innermost first). */
        private static String check(JsonNode node, Deque<Object> path) {
            if (node == null) {
                return null;
            }
            if (node.isTextual()) {
                return TextInputs.problem(node.textValue());
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String keyProblem = TextInputs.problem(field.getKey());
                    if (keyProblem != null) {
                        return "has a field name that " + keyProblem;
                    }
                    String problem = check(field.getValue(), path);
                    if (problem != null) {
                        path.addLast(field.getKey());
                        return problem;
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String problem = check(node.get(i), path);
                    if (problem != null) {
                        path.addLast(i);
                        return problem;
                    }
                }
            }
            return null;
        }
    }

    /** Refuses bytes that are not well-formed UTF-8 before the parser decodes them. */
    static final class StrictUtf8Input extends InputDecorator {
        private static final long serialVersionUID = 1L;

        @Override
        public InputStream decorate(IOContext ctxt, InputStream in) {
            return new ValidatingStream(in);
        }

        @Override
        public InputStream decorate(IOContext ctxt, byte[] src, int offset, int length) throws IOException {
            String problem = Utf8Validator.problemIn(src, offset, length);
            if (problem != null) {
                throw new MalformedBodyException("The body is not valid UTF-8: " + problem);
            }
            return null;
        }

        @Override
        public Reader decorate(IOContext ctxt, Reader r) {
            return r;
        }
    }

    static final class ValidatingStream extends FilterInputStream {
        private final Utf8Validator validator = new Utf8Validator();

        ValidatingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            String problem = n < 0 ? validator.end() : validator.accept(buffer, offset, n);
            if (problem != null) {
                throw new MalformedBodyException("The body is not valid UTF-8: " + problem);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
