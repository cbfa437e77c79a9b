import io.kogu.audience.moderation.SimHash;
import io.kogu.audience.moderation.SpamClassifier;
import io.kogu.audience.moderation.SpamExamples;

import java.util.List;

/**
 * Classification throughput per core (issue 13): the spam classifier's score (tokens, features, maximum-entropy
 * evaluation) and the SimHash fingerprint, on ONE thread, over every example of the data (spam and ham, three
 * languages) in a loop. Prints items/s. No database: the near-duplicate lookup is a query, measured by the inbox
 * bench with its PostgreSQL.
 */
public class ClassifyBench {

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        long trainStart = System.nanoTime();
        SpamClassifier classifier = SpamClassifier.of(SpamClassifier.train(SpamExamples.training()));
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        List<String> texts = SpamExamples.all().stream().map(SpamExamples.Example::text).toList();

        double sink = 0;
        for (int i = 0; i < 50_000; i++) {  // warm-up: let the JIT compile the scoring path
            sink += classifier.score(texts.get(i % texts.size()));
        }
        long start = System.nanoTime();
        for (int i = 0; i < items; i++) {
            sink += classifier.score(texts.get(i % texts.size()));
        }
        double scoreSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        long bits = 0;
        for (int i = 0; i < items; i++) {
            bits ^= SimHash.of(texts.get(i % texts.size())).orElse(0);
        }
        double hashSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("training: %d examples in %.2f s%n", SpamExamples.training().size(), trainSeconds);
        System.out.printf("classifier score, 1 thread: %,d items in %.2f s = %,.0f items/s (%.1f µs/item)%n",
                items, scoreSeconds, items / scoreSeconds, scoreSeconds * 1e6 / items);
        System.out.printf("SimHash fingerprint, 1 thread: %,d items in %.2f s = %,.0f items/s%n",
                items, hashSeconds, items / hashSeconds);
        System.out.printf("(checksum %.3f %d)%n", sink, bits);
    }
}
