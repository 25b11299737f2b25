namespace Zmq.Samples;

/// <summary>One role of a sample program: its name, the options it takes and what it does.</summary>
/// <param name="Name">The role as typed on the command line (<c>server</c>, <c>publisher</c>...).</param>
/// <param name="Options">The option names it accepts, without <c>--</c>.</param>
/// <param name="Run">The role's body; returns when its <c>--count</c> is reached.</param>
public sealed record SampleRole(string Name, IReadOnlyCollection<string> Options, Action<SampleSession> Run);
