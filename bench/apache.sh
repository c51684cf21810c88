# Apache for the anchors beside Agora (bench/wordpress-setup.sh, bench/mediawiki-setup.sh):
# sourced. enable_site NAME PORT: with /etc/apache2/sites-available/NAME.conf written, Apache
# stops listening on port 80, serves that site, and is (re)started until PORT answers.
enable_site() {
  sed -i 's/^Listen 80$/# Listen 80 (the benchmarks'"'"' sites listen on their own ports)/' /etc/apache2/ports.conf
  a2dissite 000-default >/dev/null 2>&1 || true
  a2ensite "$1" >/dev/null
  apache2ctl -k restart 2>/dev/null || apache2ctl start
  until curl -s -o /dev/null "http://127.0.0.1:$2/"; do sleep 0.2; done
}
