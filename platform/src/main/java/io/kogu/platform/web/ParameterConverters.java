package io.kogu.platform.web;

import io.kogu.platform.problem.InvalidParameterException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts query, path and header parameters, and answers a value that does not convert with a 400 that names
 * the parameter, says what was expected and, for an enum, lists the allowed values (issue 11). Without it
 * JAX-RS answers such a value with a 404 that names nothing. Strings are left to JAX-RS (and bean validation).
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        // RESTEasy Reactive passes the annotations of the implementing method, which has none: the generated
        // interface carries @QueryParam and @PathParam. ProblemMappers then finds the name from the request.
        String name = nameOf(annotations);
        Function<String, ?> parse = parserOf(rawType);
        if (parse == null) {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                Object converted;
                try {
                    converted = parse.apply(value);
                } catch (RuntimeException e) {
                    converted = null;
                }
                if (converted == null) {
                    throw new InvalidParameterException(rawType, value, name);
                }
                return (T) converted;
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** The name a request gives the parameter, or null for an entity or a context object. */
    static String nameOf(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            } else if (annotation instanceof PathParam path) {
                return path.value();
            } else if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return null;
    }

    /** How a value of the type is read, or null for a type JAX-RS converts well itself (strings). */
    static Function<String, ?> parserOf(Class<?> type) {
        if (type == UUID.class) {
            return value -> {
                UUID uuid = UUID.fromString(value);
                // UUID.fromString accepts short groups ("1-1-1-1-1"); a UUID has 36 characters.
                return value.length() == 36 ? uuid : null;
            };
        } else if (type == Integer.class) {
            return Integer::valueOf;
        } else if (type == Long.class) {
            return Long::valueOf;
        } else if (type == Boolean.class) {
            return value -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> null;
            };
        } else if (type == BigDecimal.class) {
            return BigDecimal::new;
        } else if (type == Double.class) {
            return Double::valueOf;
        } else if (type == OffsetDateTime.class) {
            return OffsetDateTime::parse;
        } else if (type == Instant.class) {
            return value -> OffsetDateTime.parse(value).toInstant();
        } else if (type == LocalDate.class) {
            return LocalDate::parse;
        } else if (type == ZoneId.class) {
            return ZoneId::of;
        } else if (type.isEnum()) {
            return enumParser(type);
        }
        return null;
    }

    /** An enum's own fromString or fromValue (generated enums), else its wire name (toString). */
    private static Function<String, ?> enumParser(Class<?> type) {
        for (String factory : new String[] {"fromString", "fromValue"}) {
            try {
                Method method = type.getMethod(factory, String.class);
                if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == type) {
                    return value -> {
                        try {
                            return method.invoke(null, value);
                        } catch (ReflectiveOperationException e) {
                            return null;
                        }
                    };
                }
            } catch (NoSuchMethodException e) {
                // try the next way
            }
        }
        Object[] constants = type.getEnumConstants();
        return value -> {
            for (Object constant : constants) {
                if (constant.toString().equals(value)) {
                    return constant;
                }
            }
            return null;
        };
    }
}
