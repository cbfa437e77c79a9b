package io.kogu.content.listen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Near-duplicate pairs with known answers, canonical URLs, and monitors over Estonian text. */
class ClusteringAndMonitorsTest {

    /** The default of kogu.listening.cluster-distance. */
    private static final int DISTANCE = 12;

    private static boolean sameStory(String a, String b) {
        return SimHash.distance(SimHash.of(a), SimHash.of(b)) <= DISTANCE;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // The same article as two outlets run it: a rewritten headline over the same agency text.
            "Eesti Pank tõstab intressimäära veerand protsendipunkti võrra. Keskpanga nõukogu otsustas teisipäeval, et baasintress tõuseb alates jaanuarist ning laenude hinnad kasvavad kogu euroalal. "
                    + "| Eesti Pank tostab intressimaara. Keskpanga nõukogu otsustas teisipäeval, et baasintress tõuseb alates jaanuarist ning laenude hinnad kasvavad kogu euroalal.",
            "Apple unveils new iPhone with longer battery life at its September event in Cupertino, California, where the company also showed new watches and headphones "
                    + "| Apple unveils new iPhone with longer battery life at September event in Cupertino, California; the company also showed new watches and headphones",
            "Storm cuts power to 40,000 homes in western Estonia as winds reach 30 metres per second; Elektrilevi says repairs will take until Sunday evening "
                    + "| Storm cuts power to 40,000 homes in western Estonia, winds reach 30 metres per second. Elektrilevi says repairs will take until Sunday evening."})
    void rewrittenCopiesOfOneArticleAreOneStory(String a, String b) {
        assertThat(sameStory(a, b)).as("distance %d", SimHash.distance(SimHash.of(a), SimHash.of(b))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Eesti Pank tõstab intressimäära veerand protsendipunkti võrra | Eesti Pank jätab intressimäära muutmata, kuigi inflatsioon kiireneb",
            "Apple unveils new iPhone with longer battery life | Samsung recalls phones over battery fires in Korea",
            "Storm cuts power to 40,000 homes in western Estonia | Tallinn opens new tram line to the airport on Monday"})
    void differentNewsSharingWordsAreDifferentStories(String a, String b) {
        assertThat(sameStory(a, b)).as("distance %d", SimHash.distance(SimHash.of(a), SimHash.of(b))).isFalse();
    }

    @Test
    void bandsFindEveryFingerprintWithinSevenBits() {
        long a = SimHash.of("one text about the harbour and its new cranes");
        long b = a ^ 0x0001_0101_0101_0101L; // one bit in each of seven bytes: 7 bits
        assertThat(SimHash.distance(a, b)).isEqualTo(7);
        assertThat(List.of(SimHash.bands(a))).containsAnyElementsOf(List.of(SimHash.bands(b)));
    }

    @ParameterizedTest
    @CsvSource({
            "https://Uudised.Example:443/pank?utm_source=x&utm_medium=rss&id=7#comments, https://uudised.example/pank?id=7",
            "https://uudised.example/a/../pank?fbclid=abc, https://uudised.example/pank",
            "http://uudised.example/pank?gclid=1&b=2&a=1, http://uudised.example/pank?a=1&b=2"})
    void canonicalUrlsDropTrackingAndNormalise(String url, String canonical) {
        assertThat(CanonicalUrl.of(url)).isEqualTo(canonical);
    }

    @Test
    void monitorsIgnoreCaseAndEstonianDiacritics() {
        MonitorQuery query = new MonitorQuery(List.of("Tõnis Mägi"), List.of("kontsert", "etendus"), List.of("tühistati"));
        assertThat(query.matches(MonitorQuery.prepare("TONIS MAGI annab jõulude ajal kontserdi"))).isFalse(); // whole words: kontserdi is not kontsert
        assertThat(query.matches(MonitorQuery.prepare("Tonis Magi kontsert Tartus"))).isTrue();
        assertThat(query.matches(MonitorQuery.prepare("TÕNIS MÄGI: etendus Jõhvis!"))).isTrue();
        assertThat(query.matches(MonitorQuery.prepare("Tõnis Mägi kontsert tuhistati"))).isFalse();
        assertThat(query.matches(MonitorQuery.prepare("Mägi Tõnis kontsert"))).isFalse(); // a phrase keeps its order
        MonitorQuery anyOnly = new MonitorQuery(List.of(), List.of("šokolaad", "žürii"), List.of());
        assertThat(anyOnly.matches(MonitorQuery.prepare("Zurii valis parima"))).isTrue(); // without its diacritics
        assertThat(anyOnly.matches(MonitorQuery.prepare("ŽÜRII valis parima"))).isTrue();
        assertThat(anyOnly.matches(MonitorQuery.prepare("Sokolaad on magus"))).isTrue();
        assertThat(TextFolding.fold("Õun, äär, öö, üle — ŠŽ")).isEqualTo("oun aar oo ule sz");
    }
}
