using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>The send wait's process-wide pool of kick eventfds (DescriptorWait.cs).</summary>
[Collection(ProcessWideStateCollection.Name)] // another test's late kick could land on the one checked here
public class KickPoolTests
{
    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public void A_kick_comes_out_of_the_pool_unsignalled()
    {
        // A kicker that read a wait's kick can write it after that wait drained it for the last
        // time and returned it; the next wait to rent it must not be woken by that write. The pool
        // is the process's: a straggler of an earlier test may take the kick between the return and
        // the rent, so this tries until it gets the same one back.
        Assert.True(DescriptorWait.Available, "ppoll was not found: the send's wait before parking is off");
        int quiet = DescriptorWait.RentKick(); // drained, and known to nobody else: never readable
        try
        {
            bool checkedOne = false;
            for (int round = 0; round < 100 && !checkedOne; round++)
            {
                int kick = DescriptorWait.RentKick();
                DescriptorWait.Kick(kick);
                DescriptorWait.ReturnKick(kick);
                int again = DescriptorWait.RentKick();
                try
                {
                    if (again == kick)
                    {
                        checkedOne = true;
                        Assert.Equal(DescriptorWait.Outcome.TimedOut, DescriptorWait.WaitReadable(quiet, again, 0)); // a kick out of the pool still signalled would say Signalled
                    }
                }
                finally
                {
                    DescriptorWait.ReturnKick(again);
                }
            }
            Assert.True(checkedOne, "the pool never handed the same kick back in 100 rounds");
        }
        finally
        {
            DescriptorWait.ReturnKick(quiet);
        }
    }
}
