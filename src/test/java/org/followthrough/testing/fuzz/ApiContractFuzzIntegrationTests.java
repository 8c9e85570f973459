package org.followthrough.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.followthrough.testing.ApiClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A bounded, seeded run of the contract fuzzer in every build: no request to any operation of the
 * OpenAPI document may end in a 5xx, and every 4xx is a problem document. The long run is
 * {@code bench/fuzz.sh}.
 */
@IntegrationTest
class ApiContractFuzzIntegrationTests {

    private static final int REQUESTS = 1_500;
    private static final long SEED = 20261207L;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void everyOperationAnswersGeneratedGoodAndBadInputWithoutA5xxAndWithProblemDocuments() {
        fixtures.aCase().about("Fuzzing starts from a case").open();
        var fuzzer = new ContractFuzzer(port, ApiClient.ADMIN_TOKEN, SEED);
        assertThat(fuzzer.operations()).hasSizeGreaterThan(20);

        var report = fuzzer.run(REQUESTS);
        fixtures.quietMailboxes();
        System.out.println("Contract fuzzing, seed " + SEED + ": " + report);

        assertThat(report.failures()).as(report.toString()).isEmpty();
        assertThat(report.serverErrors()).isZero();
        assertThat(report.statuses().keySet()).as("some requests succeed").anyMatch(s -> s < 300);
    }
}
