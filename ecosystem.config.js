// pm2 ecosystem for LogicNet: `pm2 start ecosystem.config.js --only sn35-miner` (or
// sn35-miners for several hotkeys in one process, sn35-validator, sn35-vllm), then `pm2 save` and `pm2 startup` to survive reboots.
// Check first with the same flags:  logicnet doctor miner --config miner.yaml
//
// Each app reads its flags from a YAML file (see README, "Config files"); edit those, not this.
// Variables from ./.env (see .env.example) are passed to every app.
const fs = require("fs");
const path = require("path");

function dotenv(file) {
  const env = {};
  if (!fs.existsSync(file)) return env;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/);
    if (m && m[2] !== "") env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
  return env;
}

const here = __dirname;
const env = { PYTHONUNBUFFERED: "1", ...dotenv(path.join(here, ".env")) };
const python = path.join(here, ".venv", "bin", "python");

module.exports = {
  apps: [
    {
      name: "sn35-vllm",
      // Its own virtualenv (pip install vllm); only on a GPU machine. 127.0.0.1: the miner is
      // its only client, nobody else should reach it.
      script: path.join(here, "vllm", "bin", "vllm"),
      args: "serve Qwen/Qwen2-7B-Instruct --host 127.0.0.1 --port 8000",
      interpreter: "none",
      autorestart: true,
      max_restarts: 10,
      env,
    },
    {
      name: "sn35-miner",
      script: path.join(here, "neurons", "miner", "miner.py"),
      interpreter: python,
      args: "--config miner.yaml",
      cwd: here,
      autorestart: true,
      // A stop is SIGINT; the miner logs its status line and exits within a few seconds.
      kill_timeout: 15000,
      restart_delay: 5000,
      env,
    },
    {
      // Several hotkeys of one wallet in one process (docs/miner-hotkeys.md): one solver, one
      // LLM pool, one sandbox; miners.yaml lists {hotkey, port, epoch_volume?} under
      // wallet.hotkeys. Run this instead of one sn35-miner app per hotkey.
      name: "sn35-miners",
      script: path.join(here, "neurons", "miner", "miner.py"),
      interpreter: python,
      args: "--config miners.yaml",
      cwd: here,
      autorestart: true,
      // A stop is SIGINT; every hotkey stops at once, within a few seconds.
      kill_timeout: 15000,
      restart_delay: 5000,
      env,
    },
    {
      name: "sn35-validator",
      script: path.join(here, "neurons", "validator", "validator.py"),
      interpreter: python,
      args: "--config validator.yaml",
      cwd: here,
      autorestart: true,
      // The validator saves its state after every loop; give the loop in flight time to stop.
      kill_timeout: 30000,
      restart_delay: 5000,
      env,
    },
  ],
};
