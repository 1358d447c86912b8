/** bcrypt behind a synchronous and an offloaded API, and the server code both servers share. */
package lab.bcrypt.hashing;
