namespace Zmq.Tests.Support;

/// <summary>
/// Tests of process-wide state that other tests use at the same time (the waits' kick pool: a
/// late kick another test's release writes can land on a kick after it went back to the pool and
/// out again, and wake a wait whose exact counts a test checks) or that load the whole process (a
/// thread allocating large arrays): they run alone, after the parallel collections, so they
/// neither see nor disturb the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideStateCollection
{
    public const string Name = "Process-wide state (kick pool, allocation counters)";
}
