package io.kogu.audience.moderation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled examples the classifier learns from and is measured on ({@code moderation/spam/examples.tsv},
 * provenance and licence in the README beside it): language, label (spam/ham), split (train/test), group (the
 * hand-written base line a variant comes from; a group never straddles the split) and text.
 */
public final class SpamExamples {

    public static final String RESOURCE = "moderation/spam/examples.tsv";

    public record Example(String language, boolean spam, boolean heldOut, String group, String text) {
    }

    private SpamExamples() {
    }

    public static List<Example> all() {
        InputStream in = SpamExamples.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        List<Example> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split("\t", 5);
                if (cells.length == 5) {
                    examples.add(new Example(cells[0], cells[1].equals("spam"), cells[2].equals("test"), cells[3], cells[4]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    public static List<Example> training() {
        return all().stream().filter(e -> !e.heldOut()).toList();
    }

    public static List<Example> heldOut() {
        return all().stream().filter(Example::heldOut).toList();
    }
}
