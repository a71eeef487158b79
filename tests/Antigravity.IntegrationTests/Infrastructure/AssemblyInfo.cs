// Every test runs whole applications (several processes each) on a 2-core machine: one at a time keeps
// start-up deadlines meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
