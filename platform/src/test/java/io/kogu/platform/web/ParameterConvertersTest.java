package io.kogu.platform.web;

import io.kogu.platform.problem.InvalidParameterException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterConvertersTest {

    enum Wire {
        X("x"), BLUESKY("bluesky");

        private final String value;

        Wire(String value) {
            this.value = value;
        }

        public static Wire fromString(String s) {
            for (Wire w : values()) {
                if (w.value.equals(s)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("Unexpected string value '" + s + "'");
        }

        @Override
        public String toString() {
            return value;
        }
    }

    @SuppressWarnings("unused")
    void endpoint(@QueryParam("network") Wire network, @PathParam("draftId") UUID draftId, @QueryParam("from") OffsetDateTime from,
            @QueryParam("day") LocalDate day, @QueryParam("limit") Integer limit, String body) {
    }

    private static Annotation[] annotationsOf(int parameter) throws NoSuchMethodException {
        Method method = ParameterConvertersTest.class.getDeclaredMethod("endpoint", Wire.class, UUID.class,
                OffsetDateTime.class, LocalDate.class, Integer.class, String.class);
        return method.getParameterAnnotations()[parameter];
    }

    private final ParameterConverters converters = new ParameterConverters();

    @Test
    void convertsGoodValues() throws Exception {
        assertThat(converters.getConverter(Wire.class, Wire.class, annotationsOf(0)).fromString("bluesky")).isEqualTo(Wire.BLUESKY);
        UUID id = UUID.randomUUID();
        assertThat(converters.getConverter(UUID.class, UUID.class, annotationsOf(1)).fromString(id.toString())).isEqualTo(id);
        assertThat(converters.getConverter(OffsetDateTime.class, OffsetDateTime.class, annotationsOf(2))
                .fromString("2026-03-01T09:00:00+02:00")).isEqualTo(OffsetDateTime.parse("2026-03-01T09:00:00+02:00"));
        assertThat(converters.getConverter(Integer.class, Integer.class, annotationsOf(4)).fromString("50")).isEqualTo(50);
    }

    @Test
    void anEnumNamesTheParameterAndItsAllowedValues() throws Exception {
        ParamConverter<Wire> converter = converters.getConverter(Wire.class, Wire.class, annotationsOf(0));
        assertThatThrownBy(() -> converter.fromString("myspace")).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.getResponse().getStatus()).isEqualTo(400);
            assertThat(e.name()).isEqualTo("network");
            assertThat(e.getMessage()).isEqualTo("must be one of [x, bluesky]; got 'myspace'");
        });
    }

    @Test
    void aShortUuidIsRefused() throws Exception {
        ParamConverter<UUID> converter = converters.getConverter(UUID.class, UUID.class, annotationsOf(1));
        assertThatThrownBy(() -> converter.fromString("1-2-3-4-5")).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.name()).isEqualTo("draftId"));
    }

    @Test
    void aDateWhereADateTimeIsExpectedSaysSo() throws Exception {
        ParamConverter<OffsetDateTime> converter = converters.getConverter(OffsetDateTime.class, OffsetDateTime.class,
                annotationsOf(2));
        assertThatThrownBy(() -> converter.fromString("2026-03-01")).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.getMessage()).isEqualTo("is a date, but a date-time is expected: give the time and "
                        + "offset too, e.g. 2026-03-01T00:00:00Z"));
        assertThatThrownBy(() -> converter.fromString("2026-03-01T09:00")).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.getMessage()).startsWith("has no offset"));
        ParamConverter<LocalDate> day = converters.getConverter(LocalDate.class, LocalDate.class, annotationsOf(3));
        assertThatThrownBy(() -> day.fromString("2026-03-01T09:00:00Z")).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.getMessage()).isEqualTo("is a date-time, but a date is expected here, e.g. 2026-03-01"));
    }

    @Test
    void aLongValueIsCutInTheMessage() throws Exception {
        ParamConverter<Integer> converter = converters.getConverter(Integer.class, Integer.class, annotationsOf(4));
        assertThatThrownBy(() -> converter.fromString("9".repeat(500))).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.getMessage()).hasSizeLessThan(100).startsWith("must be a whole number; got '9999"));
    }

    @Test
    void withoutTheAnnotationTheNameIsLeftToTheMapper() throws Exception {
        // RESTEasy Reactive passes the implementing method's annotations; the generated interface has them.
        ParamConverter<UUID> converter = converters.getConverter(UUID.class, UUID.class, annotationsOf(5));
        assertThatThrownBy(() -> converter.fromString("nope")).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.name()).isNull();
            assertThat(e.value()).isEqualTo("nope");
            assertThat(e.error("draftId").field()).isEqualTo("draftId");
        });
    }

    @Test
    void leavesStringsToJaxRs() throws Exception {
        assertThat(converters.getConverter(String.class, String.class, annotationsOf(0))).isNull();
    }
}
