// Browser tests run one class at a time: several Chromium sessions and hosts at once on a small machine make
// timings, not the product, decide the outcome.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
