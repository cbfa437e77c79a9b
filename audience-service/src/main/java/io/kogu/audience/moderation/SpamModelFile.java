package io.kogu.audience.moderation;

import opennlp.tools.ml.maxent.io.BinaryGISModelReader;
import opennlp.tools.ml.maxent.io.BinaryGISModelWriter;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.MaxentModel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The trained spam model as the build ships it: OpenNLP's binary GIS format, in {@link #RESOURCE} next to the
 * classifier. The build writes it ({@link #main}, run by exec-maven-plugin in audience-service's
 * {@code process-classes} phase) from the same {@link SpamExamples} the tests train on; GIS training is
 * deterministic, so the file equals what a start would train (SpamModelTest checks it).
 */
public final class SpamModelFile {

    static final String RESOURCE = "spam-model.bin";

    private SpamModelFile() {
    }

    /** Trains the model and writes it to the path given (the build's output directory, next to this class). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Files.createDirectories(target.getParent());
        AbstractModel model = (AbstractModel) SpamClassifier.train(SpamExamples.training()).getMaxentModel();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(target)))) {
            new BinaryGISModelWriter(model, out).persist();
        }
    }

    /** The model the build wrote, or empty when this build did not write one. */
    static Optional<MaxentModel> readBuilt() {
        try (InputStream in = SpamModelFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new BinaryGISModelReader(new DataInputStream(new BufferedInputStream(in))).getModel());
        } catch (IOException e) {
            throw new UncheckedIOException("The shipped spam model " + RESOURCE + " cannot be read", e);
        }
    }
}
