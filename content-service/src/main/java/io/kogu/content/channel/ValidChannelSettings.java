package io.kogu.content.channel;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The settings of a channel make sense as a whole: an IANA time zone, and posting windows that end after they
 * start, appear once and do not overlap on a weekday. Put on the generated {@code ChannelInput} by the
 * contract ({@code x-class-extra-annotation}), so that these problems are answered together with those of the
 * field constraints, all in one 400.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ChannelSettingsValidator.class)
public @interface ValidChannelSettings {

    String message() default "channel settings are not consistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
