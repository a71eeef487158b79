Console.WriteLine("Antigravity AppHost");
