using System.Diagnostics;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// The budget of a wait on the descriptor (AsyncSpin.DescriptorWaitNanoseconds): a wait that
/// caught in the second half of its budget doubles the next one, up to the maximum; one that
/// spent it all halves it, down to the first budget; a catch in the first half changes nothing;
/// a budget a test fixed never changes. Then the rule at work in a real send's wait.
/// Tests of a wait first leave xunit's synchronization context (ThreadPoolSwitch): the engine
/// never holds a thread that has one for a wait.
/// </summary>
[Collection(ProcessWideStateCollection.Name)] // exact counts of waits: another test's late kick could wake one
public class DescriptorWaitBudgetTests
{
    private static SocketAsyncContext.DescriptorWaitState Fresh() => SocketAsyncContext.DescriptorWaitState.Fresh(receiving: false);

    [Fact]
    public void A_late_catch_doubles_the_budget_up_to_the_maximum()
    {
        var wait = Fresh();
        Assert.Equal(AsyncSpin.DescriptorWaitTicks, wait.BudgetTicks);
        var budgets = new List<long>();
        for (int i = 0; i < 8; i++)
        {
            long budget = wait.BudgetTicks;
            wait.Caught(Stopwatch.GetTimestamp() - budget, budget); // caught at the very end
            budgets.Add(wait.BudgetTicks);
        }
        Assert.Equal(AsyncSpin.DescriptorWaitTicks * 2, budgets[0]);
        Assert.Equal(AsyncSpin.DescriptorWaitTicks * 4, budgets[1]);
        Assert.Equal(AsyncSpin.DescriptorWaitMaxTicks, budgets[^1]);
        Assert.All(budgets, budget => Assert.InRange(budget, AsyncSpin.DescriptorWaitTicks, AsyncSpin.DescriptorWaitMaxTicks));
    }

    [Fact]
    public void An_early_catch_keeps_the_budget_and_a_spent_one_halves_it_down_to_the_first()
    {
        var wait = Fresh();
        wait.BudgetTicks = AsyncSpin.DescriptorWaitMaxTicks;
        wait.Caught(Stopwatch.GetTimestamp(), wait.BudgetTicks); // caught at once
        Assert.Equal(AsyncSpin.DescriptorWaitMaxTicks, wait.BudgetTicks);
        wait.SpentAll(wait.BudgetTicks);
        Assert.Equal(AsyncSpin.DescriptorWaitMaxTicks / 2, wait.BudgetTicks);
        for (int i = 0; i < 8; i++)
        {
            wait.SpentAll(wait.BudgetTicks);
        }
        Assert.Equal(AsyncSpin.DescriptorWaitTicks, wait.BudgetTicks);
    }

    [Fact]
    public void A_receives_budget_never_grows()
    {
        var wait = SocketAsyncContext.DescriptorWaitState.Fresh(receiving: true);
        wait.Caught(Stopwatch.GetTimestamp() - wait.BudgetTicks, wait.BudgetTicks); // caught at the very end
        Assert.Equal(AsyncSpin.DescriptorWaitTicks, wait.BudgetTicks);
    }

    [Fact]
    public void A_budget_fixed_by_a_test_never_changes()
    {
        var wait = Fresh();
        wait.BudgetTicks = Stopwatch.Frequency; // one second
        wait.FixedBudget = true;
        wait.Caught(Stopwatch.GetTimestamp() - wait.BudgetTicks, wait.BudgetTicks);
        wait.SpentAll(wait.BudgetTicks);
        Assert.Equal(Stopwatch.Frequency, wait.BudgetTicks);
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_send_whose_room_came_late_in_its_wait_gives_the_next_wait_twice_the_time()
    {
        // The room is made after more than half the first budget has passed (the hook runs on the
        // waiting thread, after its release and before its sleep, so the wait still catches it,
        // however long the hook took); the budget doubles. A second wait that spends all of its
        // own (nobody drains) halves it back.
        await ThreadPoolSwitch.Leave();
        Assert.True(AsyncSpin.Yields > 0 && DescriptorWait.Available, "the send's wait is off here");
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        int hooks = 0;
        push.AsyncContext.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                Thread.Sleep(TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond * AsyncSpin.DescriptorWaitNanoseconds / 1_000_000 * 3 / 4));
                pipe.Drain(queued);
            }
        };
        ValueTask send = push.SendAsync("late"u8.ToArray());
        Assert.True(send.IsCompletedSuccessfully, "the room made during the wait completed the send in the call");
        await send;
        Assert.Null(push.AsyncContext.SpinYieldHookFailure);
        Assert.Equal((1, 1), push.AsyncContext.SendWaitCounts);
        Assert.Equal(TimeSpan.FromTicks(AsyncSpin.DescriptorWaitNanoseconds / 100 * 2), push.AsyncContext.NextWaitBudget(receiving: false));
        push.AsyncContext.SpinYieldHook = null;
        int refilled = 0;
        while (push.TrySend("fill"u8, ZmqSendFlags.DontWait))
        {
            refilled++;
        }
        ValueTask parked = push.SendAsync("spent"u8.ToArray()); // nobody drains: the wait spends its budget
        Assert.False(parked.IsCompleted);
        Assert.Equal(1, push.AsyncContext.SendWaitTimeouts);
        Assert.Equal(TimeSpan.FromTicks(AsyncSpin.DescriptorWaitNanoseconds / 100), push.AsyncContext.NextWaitBudget(receiving: false));
        Assert.Equal("late", pull.ReceiveString());
        for (int i = 0; i < refilled; i++)
        {
            Assert.Equal("fill", pull.ReceiveString());
        }
        await parked.AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("spent", pull.ReceiveString());
    }
}
