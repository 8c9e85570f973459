package org.followthrough.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.followthrough.email.inbound.MailIngest.Read;
import org.followthrough.email.inbound.MailIngest.Unreadable;
import org.followthrough.email.parse.MailParser;
import org.junit.jupiter.api.Test;

class FilingLanesTests {

    private final MailParser parser = new MailParser(MailParser.DEFAULT_MAX_ATTACHMENT_BYTES);

    @Test
    void strangersAreSpreadEvenlyOverTheLanesInReadOrder() {
        var reads = new ArrayList<Read>();
        for (int i = 0; i < 10; i++) {
            reads.add(mail("<m" + i + "@x>", "person" + i + "@example.com", "Hello " + i, null));
        }

        var lanes = FilingLanes.split(reads, 2);

        assertThat(lanes).hasSize(2);
        assertThat(lanes.get(0)).containsExactly(0, 2, 4, 6, 8);
        assertThat(lanes.get(1)).containsExactly(1, 3, 5, 7, 9);
    }

    @Test
    void aReplyTravelsBehindTheMessageItAnswersEvenFromSomeoneElse() {
        var reads = List.of(
                mail("<a@x>", "ana@example.com", "Printer", null),
                mail("<b@x>", "ben@example.com", "Invoice", null),
                mail("<c@x>", "cara@example.com", "Re: Printer", "<a@x>"),
                mail("<d@x>", "dev@example.com", "Re: Re: Printer", "<c@x>"));

        var lanes = FilingLanes.split(reads, 2);

        assertThat(laneOf(lanes, 0)).isEqualTo(laneOf(lanes, 2)).isEqualTo(laneOf(lanes, 3));
        assertThat(lanes.get(laneOf(lanes, 0))).containsExactly(0, 2, 3);
        assertThat(lanes.get(laneOf(lanes, 1))).containsExactly(1);
    }

    @Test
    void oneSendersMessagesShareALaneSoTheirCustomerIsCreatedOnce() {
        var reads = List.of(
                mail("<a@x>", "Ana@Example.com", "First", null),
                mail("<b@x>", "ben@example.com", "Other", null),
                mail("<c@x>", "ana@example.com", "Second", null));

        var lanes = FilingLanes.split(reads, 2);

        assertThat(laneOf(lanes, 0)).isEqualTo(laneOf(lanes, 2));
        assertThat(laneOf(lanes, 1)).isNotEqualTo(laneOf(lanes, 0));
    }

    @Test
    void theSameCaseTokenAndTwoCopiesOfOneMessageShareALane() {
        var reads = List.of(
                mail("<a@x>", "ana@example.com", "About [#1042]", null),
                mail("<b@x>", "ben@example.com", "Also about [#1042]", null),
                mail("<c@x>", "cara@example.com", "Copy", null),
                mail("<c@x>", "cara.other@example.com", "Copy", null),
                new Read(new byte[0], null, new Unreadable("sha256:ff", "", "", "broken")));

        var lanes = FilingLanes.split(reads, 3);

        assertThat(laneOf(lanes, 0)).isEqualTo(laneOf(lanes, 1));
        assertThat(laneOf(lanes, 2)).isEqualTo(laneOf(lanes, 3));
        assertThat(lanes.stream().mapToInt(List::size).sum()).isEqualTo(5);
    }

    @Test
    void aBounceTravelsWithTheMessageThatBouncedAndMailFromItsAddress() {
        var bounce = read("""
                From: MAILER-DAEMON@mx.example.com
                To: support@ours.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce@mx>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Delivery failed.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; gone@example.com
                Action: failed
                Status: 5.1.1

                --b
                Content-Type: text/rfc822-headers

                Message-ID: <reply@ours>
                To: gone@example.com

                --b--
                """);
        var reads = List.of(
                mail("<reply@ours>", "someone@example.com", "Unrelated", null),
                mail("<e@x>", "gone@example.com", "I am back", null),
                bounce);

        var lanes = FilingLanes.split(reads, 2);

        assertThat(reads.get(2).mail().bounce()).isNotNull();
        assertThat(lanes).hasSize(1);
        assertThat(lanes.getFirst()).containsExactly(0, 1, 2);
    }

    @Test
    void oneLaneKeepsEverythingInOrder() {
        var reads = List.of(mail("<a@x>", "ana@example.com", "A", null), mail("<b@x>", "ben@example.com", "B", null));

        assertThat(FilingLanes.split(reads, 1)).containsExactly(List.of(0, 1));
        assertThat(FilingLanes.split(List.of(), 2)).isEmpty();
    }

    private static int laneOf(List<List<Integer>> lanes, int message) {
        for (int l = 0; l < lanes.size(); l++) {
            if (lanes.get(l).contains(message)) {
                return l;
            }
        }
        throw new AssertionError("message " + message + " is in no lane");
    }

    private Read mail(String messageId, String from, String subject, String inReplyTo) {
        return read("From: " + from + "\nTo: support@ours.example\nSubject: " + subject + "\nMessage-ID: " + messageId
                + "\n" + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\nReferences: " + inReplyTo + "\n")
                + "\nHello\n");
    }

    private Read read(String text) {
        var raw = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new Read(raw, parser.parse(raw), null);
    }
}
