package org.followthrough.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.followthrough.platform.InvalidInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which channels a reply on a case can really go out through, and which one to offer first: the
 * channel the customer last used among those that deliver. The composer and the API offer and
 * accept only these; a reply on any other channel is recorded only when the agent says so
 * explicitly, and its timeline entry then says it was not delivered and why.
 */
@Component
public class ReplyChannels {

    private final Timeline timeline;
    // Looked up when used: the deliveries live in modules that use the case desk themselves.
    private final ObjectProvider<ReplyDelivery> deliveries;

    ReplyChannels(Timeline timeline, ObjectProvider<ReplyDelivery> deliveries) {
        this.timeline = timeline;
        this.deliveries = deliveries;
    }

    /**
     * What the composer offers on a case: {@code deliverable} in the order the customer last used
     * them, {@code preferred} the first of them (or, when none delivers, the channel an undelivered
     * reply is recorded on), and why each channel that could deliver does not.
     */
    public record Options(List<Channel> deliverable, Channel preferred, Map<Channel, NotDelivered> blocked) {

        public boolean delivers() {
            return !deliverable.isEmpty();
        }
    }

    public Options optionsFor(CaseView supportCase) {
        return options(recipient(supportCase), supportCase.channel());
    }

    Options options(ReplyDelivery.Recipient recipient, Channel caseChannel) {
        var deliverable = new ArrayList<Channel>();
        var blocked = new LinkedHashMap<Channel, NotDelivered>();
        deliveries
                .orderedStream()
                .forEach(delivery -> delivery.blockedFor(recipient)
                        .ifPresentOrElse(
                                reason -> blocked.put(delivery.channel(), reason),
                                () -> deliverable.add(delivery.channel())));
        var order = new LinkedHashSet<Channel>(timeline.inboundChannels(recipient.caseId()));
        order.add(caseChannel);
        var preferred = new ArrayList<Channel>();
        order.stream().filter(deliverable::contains).forEach(preferred::add);
        deliverable.stream().filter(ch -> !preferred.contains(ch)).forEach(preferred::add);
        var fallback =
                blocked.isEmpty() ? Channel.EMAIL : blocked.keySet().iterator().next();
        return new Options(List.copyOf(preferred), preferred.isEmpty() ? fallback : preferred.getFirst(), blocked);
    }

    /**
     * The channel an agent's reply goes out on: the one asked for, or the preferred one when none
     * was asked. Refuses, naming {@code channel}, a channel that does not deliver to this customer
     * unless the agent said to record the reply all the same.
     */
    Channel choose(ReplyDelivery.Recipient recipient, Channel caseChannel, Channel asked, boolean recordUndelivered) {
        var options = options(recipient, caseChannel);
        var channel = asked == null ? options.preferred() : asked;
        if (recordUndelivered || options.deliverable().contains(channel)) {
            return channel;
        }
        var reason = Optional.ofNullable(options.blocked().get(channel)).orElse(NotDelivered.NO_DELIVERY);
        throw new InvalidInputException(
                "channel",
                "does not deliver to this customer (" + reason.name().toLowerCase(Locale.ROOT)
                        + "); deliverable: " + names(options.deliverable())
                        + "; to record the reply all the same, send recordUndelivered");
    }

    /** Why a reply on this channel would not reach the customer now; empty when it would. */
    Optional<NotDelivered> blockedFor(ReplyDelivery.Recipient recipient, Channel channel) {
        var delivery =
                deliveries.orderedStream().filter(d -> d.channel() == channel).findFirst();
        return delivery.isEmpty()
                ? Optional.of(NotDelivered.NO_DELIVERY)
                : delivery.get().blockedFor(recipient);
    }

    private static ReplyDelivery.Recipient recipient(CaseView supportCase) {
        return new ReplyDelivery.Recipient(
                supportCase.id(),
                supportCase.people().customerId(),
                supportCase.people().teamId());
    }

    private static String names(List<Channel> channels) {
        return channels.isEmpty()
                ? "none"
                : String.join(
                        ", ",
                        channels.stream()
                                .map(ch -> ch.name().toLowerCase(Locale.ROOT))
                                .toList());
    }
}
