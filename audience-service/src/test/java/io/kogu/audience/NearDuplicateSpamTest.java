package io.kogu.audience;

import io.kogu.audience.moderation.IncomingItem;
import io.kogu.audience.moderation.Moderation;
import io.kogu.audience.moderation.ModerationDecision;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The same text posted many times: SimHash fingerprints over the workspace's recent items (docs/spam-model.md). */
@QuarkusTest
class NearDuplicateSpamTest {

    @Inject
    Moderation moderation;

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");

    private static IncomingItem comment(String author, String text, Instant at) {
        return new IncomingItem("bluesky", "0b7c9a3e-5d2f-4c38-9d1e-0f6a2b8c4e11", "comment", author, text, List.of(), at);
    }

    @Test
    void aBurstOf500CopiesOfAPromoCommentInFiveMinutesIsAllFlagged() {
        String workspace = TestTokens.newWorkspace();
        List<ModerationDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // what bots do: the same text, a different code and link and emoji now and then
            String text = "Super pakkumine fännidele, sisesta kood FAN" + (i % 37) + " ja saad kingituse kohe "
                    + (i % 2 == 0 ? "🎁" : "🔥") + " https://fanbonus" + (i % 5) + ".top/go";
            decisions.add(moderation.decide(workspace, comment("@bot" + i + ".bsky.social", text,
                    START.plus(Duration.ofMillis(600L * i)))));
        }
        assertThat(decisions).allSatisfy(d -> assertThat(d.spam()).isTrue());
        assertThat(decisions.get(499).spamScore()).isGreaterThan(decisions.get(0).spamScore());
    }

    @Test
    void anInnocentLookingTextPostedByManyAccountsBecomesSpamAfterAFewCopiesInThatWorkspaceOnly() {
        String workspace = TestTokens.newWorkspace();
        String text = "Kas keegi teab mis kell täna kontsert algab ja kus on parkimine? 😊";
        ModerationDecision first = moderation.decide(workspace, comment("@a.bsky.social", text, START));
        assertThat(first.spam()).as("one fan's question").isFalse();
        ModerationDecision last = first;
        for (int i = 1; i <= 6; i++) {
            last = moderation.decide(workspace, comment("@bot" + i, text.replace("😊", "🙂"), START.plusSeconds(10L * i)));
        }
        assertThat(last.spam()).as("the 7th copy in a minute").isTrue();

        String other = TestTokens.newWorkspace();
        assertThat(moderation.decide(other, comment("@b.bsky.social", text, START.plusSeconds(100))).spam())
                .as("another workspace's copies do not count").isFalse();
        assertThat(moderation.decide(workspace, comment("@c.bsky.social", text, START.plus(Duration.ofDays(2)))).spam())
                .as("copies older than the window do not count").isFalse();
    }

    @Test
    void shortPraisePostedByManyFansIsNotSpam() {
        String workspace = TestTokens.newWorkspace();
        ModerationDecision last = null;
        for (int i = 0; i < 30; i++) {
            last = moderation.decide(workspace, comment("@fan" + i, "Palju õnne!! ❤️", START.plusSeconds(i)));
        }
        assertThat(last.spam()).isFalse();
    }
}
