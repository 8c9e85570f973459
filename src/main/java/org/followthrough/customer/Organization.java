package org.followthrough.customer;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.followthrough.platform.InvalidInputException;

/**
 * A company our customers belong to. New customers writing from one of its email domains join it;
 * its segment is theirs unless they have their own. Changes only through {@link #revise}, which
 * keeps its rules: a name, and domains that are domain names, each once, in lower case.
 */
public final class Organization {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9.-]+\\.[a-z]{2,}");

    private final OrganizationId id;
    private String name;
    private List<String> domains;
    private String notes;
    private SegmentId segmentId;
    private final Instant createdAt;

    Organization(
            OrganizationId id,
            String name,
            List<String> domains,
            String notes,
            SegmentId segmentId,
            Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name;
        this.domains = List.copyOf(domains);
        this.notes = notes;
        this.segmentId = segmentId;
        this.createdAt = createdAt;
    }

    static Organization register(
            OrganizationId id, String name, List<String> domains, String notes, SegmentId segment, Instant now) {
        var organization = new Organization(id, "", List.of(), "", null, now);
        organization.revise(name, domains, notes, segment);
        return organization;
    }

    /** Its name, domains, notes and segment (null: none) from now on. */
    public void revise(String name, List<String> domains, String notes, SegmentId segment) {
        var validName = Inputs.requiredName(name);
        var validDomains = validDomains(domains);
        this.name = validName;
        this.domains = validDomains;
        this.notes = Inputs.trimmed(notes);
        this.segmentId = segment;
    }

    /** Domains in lower case, blanks dropped, each once. */
    static List<String> validDomains(List<String> domains) {
        if (domains == null) {
            return List.of();
        }
        return domains.stream()
                .map(d -> d == null ? "" : d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .peek(d -> {
                    if (!DOMAIN.matcher(d).matches()) {
                        throw new InvalidInputException("domains", d + " is not a domain name");
                    }
                })
                .distinct()
                .toList();
    }

    public OrganizationId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> domains() {
        return domains;
    }

    public String notes() {
        return notes;
    }

    public SegmentId segmentId() {
        return segmentId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
