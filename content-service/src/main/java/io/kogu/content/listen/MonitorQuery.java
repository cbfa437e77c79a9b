package io.kogu.content.listen;

import java.util.List;

/**
 * A monitor's query, folded once ({@link TextFolding}): a text matches when it has every {@code all} term, at least
 * one {@code any} term (when there are any) and no {@code none} term. A term is a word or a phrase, matched whole
 * ("mets" does not match "metsa"; "Eesti Pank" matches "eesti pank" and "EESTI PANK"), case and accents ignored.
 */
public final class MonitorQuery {

    private final List<String> all;
    private final List<String> any;
    private final List<String> none;

    public MonitorQuery(List<String> all, List<String> any, List<String> none) {
        this.all = folded(all);
        this.any = folded(any);
        this.none = folded(none);
    }

    /** The text as {@link #matches} wants it: folded, with a space at each end. */
    public static String prepare(String text) {
        return " " + TextFolding.fold(text) + " ";
    }

    /** @param prepared a text made by {@link #prepare} */
    public boolean matches(String prepared) {
        for (String term : all) {
            if (!prepared.contains(term)) {
                return false;
            }
        }
        for (String term : none) {
            if (prepared.contains(term)) {
                return false;
            }
        }
        if (any.isEmpty()) {
            return !all.isEmpty();
        }
        for (String term : any) {
            if (prepared.contains(term)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> folded(List<String> terms) {
        return terms == null ? List.of() : terms.stream().map(TextFolding::fold).filter(t -> !t.isEmpty())
                .map(t -> " " + t + " ").distinct().toList();
    }
}
