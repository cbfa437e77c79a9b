package io.kogu.audience.moderation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The signals a spammer cannot avoid, each on its own: promo codes, links, near-identical texts, emoji only. */
class SpamSignalsTest {

    @Test
    void promoCodesAreMixedCapitalTokensOrWhatFollowsAWordForCode() {
        assertThat(PromoCodes.find("Use WIN50 today")).containsExactly("WIN50");
        assertThat(PromoCodes.find("sisesta kood suvi ja võida")).containsExactly("suvi");
        assertThat(PromoCodes.find("промокод: halyava2 работает")).containsExactly("halyava2");
        assertThat(PromoCodes.find("Bonus code BONUS300!")).containsExactly("BONUS300");
        assertThat(PromoCodes.find("The code of conduct, 2026 tour, 4K video, MP3, COVID")).isEmpty();
        assertThat(PromoCodes.find("код ошибки 404 при входе")).isEmpty();
    }

    @Test
    void linksAreFoundWithOrWithoutASchemeAndGiveTheirDomain() {
        assertThat(Links.find("see https://WWW.YouTube.com/watch?v=1 and spinwin.xyz/bonus, www.err.ee"))
                .extracting(Links.Link::domain).containsExactly("youtube.com", "spinwin.xyz", "err.ee");
        assertThat(Links.find("ok.thanks, see you at 5.30 @fan.bsky.social")).isEmpty();
    }

    @Test
    void copiesThatChangeTheCodeTheLinkOrTheEmojiHaveNearlyTheSameFingerprint() {
        long a = SimHash.of("Super pakkumine fännidele, sisesta kood FAN1 ja saad kingituse kohe 🎁 https://a1.top/go").getAsLong();
        long b = SimHash.of("Super pakkumine fännidele, sisesta kood FAN22 ja saad kingituse kohe 🔥 https://a2.top/x").getAsLong();
        long other = SimHash.of("Kas keegi teab mis kell täna kontsert algab ja kus on parkimine").getAsLong();
        assertThat(SimHash.distance(a, b)).isLessThanOrEqualTo(3);
        assertThat(SimHash.distance(a, other)).isGreaterThan(10);
        assertThat(SimHash.of("Palju õnne!! ❤️")).as("too short to be a bot's signature").isEmpty();
    }

    @Test
    void repetitionAddsToTheClassifiersScoreFromTheFourthEarlierCopy() {
        assertThat(SpamScore.of(0.1, 3, 4)).isCloseTo(0.1, within(1e-9));
        assertThat(SpamScore.of(0.0, 4, 4)).isGreaterThanOrEqualTo(ModerationSettings.DEFAULT_THRESHOLD);
        assertThat(SpamScore.of(0.5, 400, 4)).isLessThanOrEqualTo(1.0).isGreaterThan(0.97);
    }

    @Test
    void onlyEmojiMeansEmojiAndNothingElse() {
        assertThat(RuleMatcher.onlyEmoji("😍🔥 👏🏽 ❤️ 🇪🇪")).isTrue();
        assertThat(RuleMatcher.onlyEmoji("😍 wow")).isFalse();
        assertThat(RuleMatcher.onlyEmoji("   ")).isFalse();
    }

    @Test
    void keywordsIgnoreCaseAndAccents() {
        assertThat(RuleMatcher.containsAny("Parim KASIINO!", List.of("kasiino"))).isTrue();
        assertThat(RuleMatcher.containsAny("Tasuta keerutused", List.of("tasuta keerutused"))).isTrue();
        assertThat(RuleMatcher.containsAny("Café bonus", List.of("cafe"))).isTrue();
        assertThat(RuleMatcher.containsAny("Lovely show", List.of("casino", "bet "))).isFalse();
        IncomingItem withMedia = new IncomingItem("x", null, "comment", "@a", "look", List.of("https://img.example/1.jpg"),
                Instant.EPOCH);
        assertThat(RuleMatcher.hasLink(withMedia)).isTrue();
    }
}
