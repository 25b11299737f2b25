namespace Zmq.Tests.Support;

/// <summary>
/// Tests that count the process's open file descriptors. xunit runs them alone, after the parallel
/// collections, so descriptors that other tests hold at that moment are not mistaken for leaks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorCountingCollection
{
    public const string Name = "descriptor counting";
}
