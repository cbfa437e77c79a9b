package io.kogu.content.channel;

import io.kogu.content.api.model.ChannelInput;
import io.kogu.content.api.model.PostingWindow;
import io.kogu.platform.problem.FieldError;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.List;
import java.util.regex.Pattern;

/** Reports every problem of {@link ChannelSettings#problems} as its own violation, with its field. */
public class ChannelSettingsValidator implements ConstraintValidator<ValidChannelSettings, ChannelInput> {

    private static final Pattern FIELD = Pattern.compile("postingWindows\\[(\\d+)](?:\\.(\\w+))?");

    @Override
    public boolean isValid(ChannelInput input, ConstraintValidatorContext context) {
        if (input == null) {
            return true;
        }
        List<Channel.PostingWindow> windows = input.getPostingWindows() == null ? List.of()
                : input.getPostingWindows().stream().map(ChannelSettingsValidator::windowOf).toList();
        List<FieldError> problems = ChannelSettings.problems(input.getTimeZone(), windows);
        if (problems.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (FieldError problem : problems) {
            var violation = context.buildConstraintViolationWithTemplate(escape(problem.message()));
            var matcher = FIELD.matcher(problem.field());
            if (matcher.matches()) {
                int index = Integer.parseInt(matcher.group(1));
                if (matcher.group(2) == null) {
                    violation.addPropertyNode("postingWindows").addBeanNode().inIterable().atIndex(index)
                            .addConstraintViolation();
                } else {
                    violation.addPropertyNode("postingWindows").addPropertyNode(matcher.group(2)).inIterable()
                            .atIndex(index).addConstraintViolation();
                }
            } else {
                violation.addPropertyNode(problem.field()).addConstraintViolation();
            }
        }
        return false;
    }

    private static Channel.PostingWindow windowOf(PostingWindow window) {
        return new Channel.PostingWindow(window.getWeekday() == null ? null : window.getWeekday().toString(),
                window.getStart(), window.getEnd());
    }

    /** Messages are templates: braces and dollars in them are text. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
