package io.budgetwatch.goals.support;

import io.budgetwatch.goals.document.parse.TestDocuments;

import java.util.List;

/**
 * The seed document under another agency code and other project codes, so that a test can import,
 * change and re-import it without touching the seed's own agency (213001) or other tests' data.
 */
public final class SeedVariants {

    public static final String SEED_AGENCY_NAME = TestDocuments.SEED_AGENCY_NAME;

    private SeedVariants() {
    }

    /**
     * The seed's project code with its 9th character (first of the 13 free ones) replaced by tag. A
     * tag that is the 9th character of a seed code (0 A B D R V) would give the seed's own code back.
     */
    public static String code(String seedCode, char tag) {
        for (String seed : TestDocuments.SEED_PROJECT_CODES) {
            if (seed.charAt(8) == tag) {
                throw new IllegalArgumentException("tag " + tag + " would reproduce seed code " + seed);
            }
        }
        return seedCode.substring(0, 8) + tag + seedCode.substring(9);
    }

    public static List<String> codes(char tag) {
        return TestDocuments.SEED_PROJECT_CODES.stream().map(c -> code(c, tag)).toList();
    }

    public static TestDocuments.GoalDoc seedFor(String agencyCode, char tag) {
        TestDocuments.GoalDoc doc = TestDocuments.seed();
        for (TestDocuments.Project p : doc.projects) {
            p.agency = agencyCode + SEED_AGENCY_NAME;
            p.code = code(p.code, tag);
        }
        return doc;
    }
}
