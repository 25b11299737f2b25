using System.Runtime.CompilerServices;

// Every signature in this assembly is blittable; this makes the runtime reject any declaration
// that would need runtime marshalling, so the layer stays NativeAOT- and trim-clean.
[assembly: DisableRuntimeMarshalling]
