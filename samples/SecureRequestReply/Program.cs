// Request-reply over CURVE: the server prints its public key; clients must give it (--server-key).
// A ZAP handler accepts any CURVE client (or only the keys in --allow-dir). The server makes a fresh
// key pair unless --secret-key-file names a file holding its Z85 secret key (a key on the command line
// would be visible to every user of the machine).
//   securereqrep server [--bind=tcp://*:5556] [--count=n] [--timeout=ms] [--allow-dir=folder] [--secret-key-file=path]
//   securereqrep client --server-key=<z85> [--connect=tcp://localhost:5556] [--count=n] [--timeout=ms]
// Pass keys as --server-key=<z85>: Z85's alphabet has '-', so a key may begin with one, and many
// parsers (Python's argparse among them) read a separate argument that starts with '-' as an option.
using Zmq;
using Zmq.Samples;

return SampleHost.Run("securereqrep", args,
    new SampleRole("server", ["bind", "count", "timeout", "allow-dir", "secret-key-file"], Server),
    new SampleRole("client", ["connect", "server-key", "count", "timeout", "message"], Client));

static void Server(SampleSession session)
{
    using var authenticator = new ZmqAuthenticator(session.Context);
    string? allowed = session.Options.Find("allow-dir");
    if (allowed is null)
    {
        authenticator.AllowAnyCurveClient();
    }
    else
    {
        authenticator.LoadCurveClients(allowed);
    }
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Rep);
    // The secret key lives in wiped memory; libzmq keeps its own copy once the socket has it.
    using (ZmqCurveKeyPair keys = ServerKeys(session.Options.Find("secret-key-file")))
    {
        socket.MakeCurveServer(keys);
        SampleSession.WriteLine($"public-key {keys.PublicKey}");
    }
    session.BindAndAnnounce(socket, "tcp://*:5556");
    for (long handled = 0; session.KeepGoing(handled); handled++)
    {
        string request = session.Receive(socket);
        SampleSession.WriteLine($"Received: {request}");
        socket.SendString("I am OK!");
    }
}

static void Client(SampleSession session)
{
    string serverKey = session.Options.Find("server-key")
        ?? throw new SampleUsageException("option '--server-key' is required: the server prints it as 'public-key <key>'");
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Req);
    try
    {
        using ZmqCurveKeyPair clientKeys = ZmqCurve.GenerateKeyPair();
        socket.MakeCurveClient(clientKeys, serverKey);
    }
    catch (FormatException e)
    {
        throw new SampleUsageException($"bad --server-key '{serverKey}': {e.Message}");
    }
    session.Connect(socket, "connect", "tcp://localhost:5556");
    for (long asked = 0; asked < (session.Count ?? 1) && !session.StopRequested; asked++)
    {
        socket.SendString(session.Options.Get("message", "Are you OK?"));
        SampleSession.WriteLine($"response: {session.Receive(socket)}");
    }
}

// A fresh key pair, or the one whose secret key is in the named file (40 Z85 characters).
static ZmqCurveKeyPair ServerKeys(string? secretKeyFile)
{
    if (secretKeyFile is null)
    {
        return ZmqCurve.GenerateKeyPair();
    }
    string text;
    try
    {
        text = File.ReadAllText(secretKeyFile).Trim();
    }
    catch (IOException e)
    {
        throw new SampleUsageException($"cannot read --secret-key-file '{secretKeyFile}': {e.Message}");
    }
    ZmqCurveSecretKey secretKey;
    try
    {
        secretKey = ZmqCurveSecretKey.FromZ85(text);
    }
    catch (FormatException e)
    {
        throw new SampleUsageException($"--secret-key-file '{secretKeyFile}' does not hold a Z85 secret key: {e.Message}");
    }
    return new ZmqCurveKeyPair(secretKey.DerivePublicKey(), secretKey);
}
