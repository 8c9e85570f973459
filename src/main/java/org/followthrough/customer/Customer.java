package org.followthrough.customer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.followthrough.platform.EmailAddress;
import org.followthrough.platform.InvalidInputException;

/**
 * A person we serve, with their addresses and numbers and how they like to be served. Changes only
 * through methods that say what happens; each keeps the customer's own rules: a name, valid and
 * distinct email addresses (the first is the primary one), valid and distinct phone numbers, a
 * language tag and a time zone. That no other customer has one of the addresses is the desk's to
 * check, across customers.
 */
public final class Customer {

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
    private static final Pattern PHONE = Pattern.compile("[+0-9 ()./-]{3,40}");

    private final CustomerId id;
    private String name;
    private List<String> emails;
    private List<Phone> phones;
    private String language;
    private ZoneId timeZone;
    private ContactChannel preferredChannel;
    private String formOfAddress;
    private String notes;
    private OrganizationId organizationId;
    private SegmentId segmentId;
    private final Instant createdAt;
    private Instant updatedAt;
    private boolean contactsChanged;

    /** A customer as stored. */
    Customer(
            CustomerId id,
            String name,
            List<String> emails,
            List<Phone> phones,
            String language,
            ZoneId timeZone,
            ContactChannel preferredChannel,
            String formOfAddress,
            String notes,
            OrganizationId organizationId,
            SegmentId segmentId,
            Instant createdAt,
            Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name;
        this.emails = List.copyOf(emails);
        this.phones = List.copyOf(phones);
        this.language = language;
        this.timeZone = timeZone;
        this.preferredChannel = preferredChannel;
        this.formOfAddress = formOfAddress;
        this.notes = notes;
        this.organizationId = organizationId;
        this.segmentId = segmentId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /**
     * A new customer from what was given; what was not given takes its default (English, UTC, by
     * email). Not yet in an organization or segment: the desk decides those.
     */
    static Customer register(CustomerId id, CustomerDetails details, Instant now) {
        var name = Inputs.requiredName(details.name());
        var emails = validEmails(details.emails());
        var language = validLanguage(details.language() == null ? "en" : details.language());
        var zone = validZone(details.timeZone() == null ? "UTC" : details.timeZone());
        var phones = validPhones(details.phones() == null ? List.of() : details.phones());
        var channel = details.preferredChannel() == null ? ContactChannel.EMAIL : details.preferredChannel();
        return new Customer(
                id,
                name,
                emails,
                phones,
                language,
                zone,
                channel,
                Inputs.trimmed(details.formOfAddress()),
                Inputs.trimmed(details.notes()),
                null,
                null,
                now,
                now);
    }

    // behaviour ---------------------------------------------------------------

    public void rename(String name) {
        this.name = Inputs.requiredName(name);
    }

    /** The language to write to them in, as a tag such as {@code en} or {@code pt-BR}. */
    public void speak(String language) {
        this.language = validLanguage(language);
    }

    public void moveToTimeZone(String zone) {
        this.timeZone = validZone(zone);
    }

    public void preferChannel(ContactChannel channel) {
        this.preferredChannel = Objects.requireNonNull(channel, "channel");
    }

    /** How to greet them; blank means by their name. */
    public void addressAs(String formOfAddress) {
        this.formOfAddress = Inputs.trimmed(formOfAddress);
    }

    public void rewriteNotes(String notes) {
        this.notes = Inputs.trimmed(notes);
    }

    /**
     * Their addresses and numbers from now on, in order: the first address is the primary one. An
     * address or number given twice is kept once, where it first appears.
     */
    public void replaceContacts(List<String> emails, List<Phone> phones) {
        var validEmails = validEmails(emails);
        var validPhones = validPhones(phones == null ? List.of() : phones);
        this.emails = validEmails;
        this.phones = validPhones;
        this.contactsChanged = true;
    }

    public void joinOrganization(OrganizationId organization) {
        this.organizationId = Objects.requireNonNull(organization, "organization");
    }

    public void leaveOrganization() {
        this.organizationId = null;
    }

    public void placeInSegment(SegmentId segment) {
        this.segmentId = Objects.requireNonNull(segment, "segment");
    }

    public void leaveSegment() {
        this.segmentId = null;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    /** Whether the addresses or numbers were replaced since the customer was loaded. */
    boolean contactsChanged() {
        return contactsChanged;
    }

    // rules -------------------------------------------------------------------

    /**
     * Valid addresses without repeats (ignoring case), in the order given. A lone address is named
     * {@code email} in errors, one of several {@code emails[i]}.
     */
    static List<String> validEmails(List<String> emails) {
        if (emails == null) {
            return List.of();
        }
        var valid = new ArrayList<String>();
        for (int i = 0; i < emails.size(); i++) {
            var email = EmailAddress.require(emails.size() == 1 ? "email" : "emails[" + i + "]", emails.get(i));
            if (valid.stream().noneMatch(email::equalsIgnoreCase)) {
                valid.add(email);
            }
        }
        return List.copyOf(valid);
    }

    private static List<Phone> validPhones(List<Phone> phones) {
        var seen = new LinkedHashSet<String>();
        var valid = new ArrayList<Phone>();
        for (int i = 0; i < phones.size(); i++) {
            var phone = phones.get(i);
            if (phone.number() == null || phone.number().isBlank()) {
                throw new InvalidInputException("phones[" + i + "].number", "must not be blank");
            }
            var number = phone.number().strip();
            if (!PHONE.matcher(number).matches()) {
                throw new InvalidInputException("phones[" + i + "].number", "must be a phone number");
            }
            if (seen.add(number)) {
                valid.add(new Phone(number, Inputs.trimmed(phone.label())));
            }
        }
        return List.copyOf(valid);
    }

    private static String validLanguage(String language) {
        if (language == null || !LANGUAGE.matcher(language.strip()).matches()) {
            throw new InvalidInputException("language", "must be a language tag such as en or pt-BR");
        }
        return language.strip();
    }

    private static ZoneId validZone(String zone) {
        try {
            return ZoneId.of(zone == null ? "" : zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Berlin");
        }
    }

    /** The domain of an address, lower case: where organizations claim their people. */
    static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    // state -------------------------------------------------------------------

    public CustomerId id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Their addresses, the primary one first. */
    public List<String> emails() {
        return emails;
    }

    public String primaryEmail() {
        return emails.isEmpty() ? null : emails.getFirst();
    }

    public List<Phone> phones() {
        return phones;
    }

    public String language() {
        return language;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public ContactChannel preferredChannel() {
        return preferredChannel;
    }

    public String formOfAddress() {
        return formOfAddress;
    }

    public String notes() {
        return notes;
    }

    public OrganizationId organizationId() {
        return organizationId;
    }

    public SegmentId segmentId() {
        return segmentId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
