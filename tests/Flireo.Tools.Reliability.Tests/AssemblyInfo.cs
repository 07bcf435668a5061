// Several tests measure real time (deadlines, timeouts, memory): run the test classes one after another so they do not
// compete for the CPU of a small CI machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
