global using AiLiteracy.Engines;
global using AiLiteracy.Model;
