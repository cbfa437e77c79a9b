package io.kogu.audience.segment.rule;

import com.ibm.icu.lang.UCharacter;

/**
 * Unicode full case folding (CaseFolding.txt, through ICU): how rules compare text ignoring case. Letter-by-letter
 * lower-casing is not enough: {@code ΟΔΟΣ} lower-cases to {@code οδοσ} but is written {@code οδος}, and
 * {@code STRASSE} is {@code straße}; folding maps all of them alike. PostgreSQL folds the column with
 * {@code kogu_fold} (migration V6, generated from the same ICU version; {@code CaseFoldTest} checks that both
 * agree on every code point).
 */
public final class CaseFold {

    private CaseFold() {
    }

    public static String fold(String text) {
        return UCharacter.foldCase(text, UCharacter.FOLD_CASE_DEFAULT);
    }
}
