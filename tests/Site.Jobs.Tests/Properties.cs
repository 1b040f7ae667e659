// The reliability tests start real hosts and time leases: run them one at a time so that two cores are enough.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
