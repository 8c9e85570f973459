package org.followthrough.promise;

/**
 * How sure the detector is that a sentence is a promise the agent's side will have to keep. Starts
 * from who acts and whether a time was named, and drops for hedging ("we'll try"), conditions ("if
 * I don't hear back") and a trailing question ("…, is that ok?"). The figures are a ranking for the
 * agent's eyes, not a calibrated probability.
 */
final class CommitmentConfidence {

    private static final double HEDGED = 0.25;
    private static final double CONDITIONAL = 0.15;
    private static final double TAG_QUESTION = 0.2;
    private static final double FLOOR = 0.05;

    private CommitmentConfidence() {}

    static double of(CommitmentRules.Reading reading) {
        boolean timed = reading.due() != null && !reading.due().vague();
        double confidence = switch (reading.voice()) {
            case AGENT -> timed ? 0.9 : 0.7;
            case CUSTOMER_RECEIVES -> timed ? 0.85 : 0.65;
            case THIRD_PARTY -> timed ? 0.8 : 0.6;
        };
        if (reading.hedged()) {
            confidence -= HEDGED;
        }
        if (reading.conditional()) {
            confidence -= CONDITIONAL;
        }
        if (reading.tagQuestion()) {
            confidence -= TAG_QUESTION;
        }
        return Math.round(Math.max(FLOOR, Math.min(1.0, confidence)) * 100) / 100.0;
    }
}
