package quotes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.solr.cloud.ZkTestServer;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * One SolrCloud node in its own JVM, for trying and testing the quotes Solr backend on one machine.
 *
 * <pre>
 *   SolrCloudNode DIR SOLR_PORT ZK_PORT --with-zk   # the first node: hosts ZooKeeper too
 *   SolrCloudNode DIR SOLR_PORT ZK_PORT             # a further node: joins that ZooKeeper
 * </pre>
 *
 * Everything listens on 127.0.0.1. The node runs until its JVM is stopped.
 */
public final class SolrCloudNode {

  /** solr.xml, read by every node from ZooKeeper. */
  private static final String SOLR_XML =
      "<solr>\n"
          + "  <str name=\"allowPaths\">${solr.allowPaths:}</str>\n"
          + "  <solrcloud>\n"
          + "    <str name=\"host\">127.0.0.1</str>\n"
          + "    <int name=\"hostPort\">${hostPort:8983}</int>\n"
          + "    <str name=\"hostContext\">${hostContext:solr}</str>\n"
          + "    <int name=\"zkClientTimeout\">${solr.zkclienttimeout:10000}</int>\n"
          + "    <bool name=\"genericCoreNodeNames\">true</bool>\n"
          + "    <int name=\"leaderVoteWait\">10000</int>\n"
          + "  </solrcloud>\n"
          + "  <metrics enabled=\"false\"/>\n"
          + "</solr>\n";

  private SolrCloudNode() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: SolrCloudNode DIR SOLR_PORT ZK_PORT [--with-zk]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    int solrPort = Integer.parseInt(args[1]);
    int zkPort = Integer.parseInt(args[2]);
    boolean withZk = args.length > 3 && args[3].equals("--with-zk");
    Files.createDirectories(dir);
    String zkHost = "127.0.0.1:" + zkPort;

    if (withZk) {
      ZkTestServer zk = new ZkTestServer(dir.resolve("zookeeper"), zkPort);
      zk.run(false);
      try (SolrZkClient client =
          new SolrZkClient.Builder().withUrl(zkHost).withTimeout(30, TimeUnit.SECONDS).build()) {
        if (!client.exists("/solr/solr.xml", true)) {
          client.makePath("/solr/solr.xml", SOLR_XML.getBytes(StandardCharsets.UTF_8), true);
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          zk.shutdown();
        } catch (Exception e) {
          // the JVM is going anyway
        }
      }));
    }

    Properties props = new Properties();
    props.setProperty("zkHost", zkHost + "/solr");
    props.setProperty("hostPort", Integer.toString(solrPort));
    Path home = dir.resolve("node-" + solrPort);
    Files.createDirectories(home);
    JettySolrRunner jetty =
        new JettySolrRunner(
            home.toString(), props, JettyConfig.builder().setContext("/solr").setPort(solrPort).build());
    jetty.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        jetty.stop();
      } catch (Exception e) {
        // the JVM is going anyway
      }
    }));
    System.out.println("node up on http://127.0.0.1:" + solrPort + "/solr");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
