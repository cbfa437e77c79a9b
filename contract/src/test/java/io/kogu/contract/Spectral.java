package io.kogu.contract;

import io.kogu.devkit.NpmCache;
import io.kogu.devkit.TestNeeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spectral ({@code @stoplight/spectral-cli}, pinned by {@code contract/spectral/package-lock.json}), installed once
 * per machine with {@code npm ci} into {@code ~/.cache/kogu/spectral/<hash of the lockfiles>} (or
 * {@code $KOGU_SPECTRAL_CACHE}), then run from there. Without npm the tests are skipped with a message saying
 * what to install; with {@code CI} set they fail instead.
 */
final class Spectral {

    static final Path CONTRACT = Path.of(System.getProperty("kogu.contract.home", ".")).toAbsolutePath().normalize();
    private static final Path SOURCE = CONTRACT.resolve("spectral");
    private static Path installed;

    private Spectral() {
    }

    /** The result of one run: its exit code and what it printed. */
    record Run(int exitCode, String output) {
    }

    /** Lints the documents with the ruleset; paths relative to contract/. */
    static Run lint(Path ruleset, List<Path> documents) {
        Path cli = install().resolve("node_modules/@stoplight/spectral-cli/dist/index.js");
        List<String> command = new ArrayList<>(List.of(onPath("node").toString(), cli.toString(), "lint",
                "--ruleset", ruleset.toString(), "--format", "text", "--fail-severity", "error"));
        documents.forEach(document -> command.add(document.toString()));
        try {
            Path log = Files.createTempFile("spectral", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(CONTRACT.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("spectral ran for more than 5 minutes");
                }
                return new Run(process.exitValue(), Files.readString(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The folder holding node_modules with Spectral, installed at the first call. */
    static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        if (onPath("npm") == null || onPath("node") == null) {
            String what = "Spectral (contract lint) needs node and npm (Node.js 18 or later, e.g. Debian's nodejs and "
                    + "npm); it installs @stoplight/spectral-cli from the npm registry itself";
            TestNeeds.require(false, "contract", what);
        }
        try {
            NpmCache cache = NpmCache.of("spectral", "KOGU_SPECTRAL_CACHE", SOURCE.resolve("package.json"),
                    SOURCE.resolve("package-lock.json"));
            return installed = cache.install(work -> NpmCache.npmCi(SOURCE, work, true, Map.of(), "install.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path onPath(String command) {
        return NpmCache.onPath(command);
    }
}
