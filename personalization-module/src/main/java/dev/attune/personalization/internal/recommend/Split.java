package dev.attune.personalization.internal.recommend;

import java.util.Random;

/**
 * A per-user random split into train, validation and test parts over the same indices, as RecBole's
 * {@code eval_args: {split: {RS: [0.8, 0.1, 0.1]}, group_by: user, order: RO}}: each user's interactions are shuffled
 * (java.util.Random with the seed, users in index order, a row's items from ascending index) and cut with RecBole's
 * counts: valid = ⌊0.1·n⌋, test = ⌊0.1·n⌋, train = the rest; a part that would round to zero while its share is above
 * zero takes one interaction from train as long as train keeps two ({@code Dataset._calcu_split_ids}).
 */
public record Split(Interactions train, Interactions valid, Interactions test) {

    /** What the model may not recommend at test time: train and validation (RecBole's history at the test phase). */
    public Interactions seen() {
        return train.union(valid);
    }

    public static Split perUser(Interactions all, double trainRatio, double validRatio, double testRatio, long seed) {
        double total = trainRatio + validRatio + testRatio;
        double[] ratios = {trainRatio / total, validRatio / total, testRatio / total};
        Random random = new Random(seed);
        int n = all.size();
        int[][] users = {new int[n], new int[n], new int[n]};
        int[][] items = {new int[n], new int[n], new int[n]};
        float[][] weights = {new float[n], new float[n], new float[n]};
        long[][] times = all.timed() ? new long[][] {new long[n], new long[n], new long[n]} : new long[3][];
        int[] sizes = new int[3];
        for (int u = 0; u < all.userCount(); u++) {
            int start = all.start(u);
            int count = all.rowSize(u);
            int[] order = new int[count];
            for (int k = 0; k < count; k++) {
                order[k] = start + k;
            }
            for (int k = count - 1; k > 0; k--) { // Fisher-Yates
                int r = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[r];
                order[r] = t;
            }
            int[] counts = counts(count, ratios);
            int k = 0;
            for (int part = 0; part < 3; part++) {
                for (int c = 0; c < counts[part]; c++, k++) {
                    int e = order[k];
                    int s = sizes[part]++;
                    users[part][s] = u;
                    items[part][s] = all.item(e);
                    weights[part][s] = all.weight(e);
                    if (all.timed()) {
                        times[part][s] = all.time(e);
                    }
                }
            }
        }
        Interactions[] parts = new Interactions[3];
        for (int part = 0; part < 3; part++) {
            parts[part] = Interactions.of(
                    all.users(), all.items(), sizes[part], users[part], items[part], weights[part], times[part]);
        }
        return new Split(parts[0], parts[1], parts[2]);
    }

    /** RecBole's {@code _calcu_split_ids} as counts: every part but the first rounded down, the first takes the rest. */
    static int[] counts(int total, double[] ratios) {
        int[] counts = new int[ratios.length];
        int rest = total;
        for (int p = 1; p < ratios.length; p++) {
            counts[p] = (int) (ratios[p] * total);
            rest -= counts[p];
        }
        counts[0] = rest;
        for (int i = 1; i < ratios.length; i++) {
            if (counts[0] <= 1) {
                break;
            }
            int p = ratios.length - i;
            double share = ratios[p] * total;
            if (share > 0 && share < 1) {
                counts[p]++;
                counts[0]--;
            }
        }
        return counts;
    }
}
