package io.kogu.audience.attribute;

import io.kogu.audience.segment.rule.RuleParser;
import io.kogu.audience.segment.rule.ValueKind;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The custom attributes a workspace declared, and the checking of members' attribute values against them. */
@ApplicationScoped
public class AttributeService {

    @Transactional
    public AttributeDefinition declare(String workspaceId, String key, String type) {
        if (AttributeDefinition.count("workspaceId = ?1 and key = ?2", workspaceId, key) > 0) {
            throw new ProblemException(ProblemType.CONFLICT, "Attribute " + key + " is already declared",
                    List.of(new FieldError("key", "is already declared; a key's type never changes")));
        }
        AttributeDefinition definition = new AttributeDefinition();
        definition.id = UUID.randomUUID();
        definition.workspaceId = workspaceId;
        definition.key = key;
        definition.type = type;
        definition.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        definition.persist();
        return definition;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AttributeDefinition> list(String workspaceId, Keyset keyset) {
        return keyset.find("workspaceId = :workspace", Parameters.with("workspace", workspaceId), "",
                (q, values) -> AttributeDefinition.<AttributeDefinition>find(q, values),
                d -> new PageCursor(d.createdAt, d.id));
    }

    /** The declared attributes of a workspace by key, as rules test them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, ValueKind> kinds(String workspaceId) {
        Map<String, ValueKind> kinds = new TreeMap<>();
        AttributeDefinition.<AttributeDefinition>list("workspaceId", workspaceId)
                .forEach(d -> kinds.put(d.key, kindOf(d.type)));
        return kinds;
    }

    public static ValueKind kindOf(String type) {
        return switch (type) {
            case "number" -> ValueKind.NUMBER;
            case "boolean" -> ValueKind.BOOLEAN;
            case "date" -> ValueKind.DATE;
            default -> ValueKind.TEXT;
        };
    }

    /**
     * A number as JSON gives it back (Integer, Long, BigInteger or Double), so that the stored map equals its
     * own JSON round trip: Hibernate compares the two when it flushes, and a BigDecimal that reads back as an
     * Integer looked changed, wrote a second version and made the ETag of a create stale. Null for NaN or
     * infinity.
     */
    static Object jsonNumber(Number number) {
        try {
            return NUMBERS.readValue(new BigDecimal(number.toString()).toString(), Object.class);
        } catch (NumberFormatException | com.fasterxml.jackson.core.JsonProcessingException notFinite) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper NUMBERS = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * A member's attributes checked against the declarations and normalized for storage: numbers as numbers,
     * dates as UTC instants to the microsecond, as PostgreSQL keeps them ({@code 2025-03-01T00:00:00Z}), so that
     * rules can compare them. Null values are
     * left out. An undeclared key or a value of the wrong type is a 422 naming {@code attributes.<key>}.
     */
    public Map<String, Object> normalize(String workspaceId, Map<String, Object> given, String pathPrefix) {
        if (given == null || given.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return normalize(kinds(workspaceId), given, pathPrefix);
    }

    /** The same, against declarations already looked up (an import looks them up once per job). */
    public static Map<String, Object> normalize(Map<String, ValueKind> kinds, Map<String, Object> given, String pathPrefix) {
        Map<String, Object> normalized = new LinkedHashMap<>();
        if (given == null || given.isEmpty()) {
            return normalized;
        }
        List<FieldError> errors = new ArrayList<>();
        given.forEach((key, value) -> {
            String path = pathPrefix + "attributes." + key;
            ValueKind kind = kinds.get(key);
            if (value == null) {
                return;
            }
            if (kind == null) {
                errors.add(new FieldError(path, "is not a declared attribute; declared: "
                        + (kinds.isEmpty() ? "none (see /v1/attribute-definitions)" : String.join(", ", kinds.keySet()))));
                return;
            }
            Object stored = switch (kind) {
                case NUMBER -> value instanceof Number number ? jsonNumber(number) : null;
                case BOOLEAN -> value instanceof Boolean ? value : null;
                case DATE -> value instanceof String text && RuleParser.Dates.parse(text) != null
                        ? RuleParser.Dates.parse(text).truncatedTo(ChronoUnit.MICROS).toString() : null;
                default -> value instanceof String text && !text.isEmpty() && text.length() <= 1000 ? text : null;
            };
            if (stored == null) {
                errors.add(new FieldError(path, switch (kind) {
                    case NUMBER -> "must be a finite number";
                    case BOOLEAN -> "must be true or false";
                    case DATE -> "must be an ISO-8601 instant with offset or a date (2025-03-01), in the years 0001 to 9999";
                    default -> "must be text of 1 to 1000 characters";
                }));
                return;
            }
            normalized.put(key, stored);
        });
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("Some attributes do not fit their declarations", errors);
        }
        return normalized;
    }
}
