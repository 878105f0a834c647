// Preloaded into every OpenClaw process the tests start (NODE_OPTIONS=--import): OpenClaw 2026.9
// looks up its model catalog, ClawHub and chatgpt.com at start-up. Tests must reach nothing but
// 127.0.0.1, so any other DNS lookup fails at once and any other TCP connect goes to 127.0.0.1:9.
import dns from 'node:dns'
import net from 'node:net'

const isLoopback = (host) => !host || host === 'localhost' || host === '::1' || String(host).startsWith('127.')
const refuse = (host) => Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (tests reach loopback only)`), { code: 'ENOTFOUND', hostname: host })

const lookup = dns.lookup
dns.lookup = function guardedLookup(host, options, callback) {
  if (typeof options === 'function') [callback, options] = [options, {}]
  if (!isLoopback(host)) return void process.nextTick(callback, refuse(host))
  return lookup.call(this, host, options, callback)
}
const lookupAsync = dns.promises.lookup
dns.promises.lookup = async (host, options) => {
  if (!isLoopback(host)) throw refuse(host)
  return lookupAsync(host, options)
}
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(...args) {
  const o = args[0] && typeof args[0] === 'object' ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined }
  if (!o.path && o.host && net.isIP(o.host) && !isLoopback(o.host)) {
    args[0] = { ...o, host: '127.0.0.1', port: 9 }
    if (typeof args[1] === 'string') args[1] = '127.0.0.1'
  }
  return connect.apply(this, args)
}
